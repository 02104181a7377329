// Space-Saving top-K (Metwally et al., 2005) over the plain arrays of a WindowState, kept as a
// min-heap on counts. Lookups use a tag → position Map cached per state object in a WeakMap:
// it never enters the JSON, and it is rebuilt once after Lambda hands the state back.
import { OTHER_LANGUAGE } from './limits';
import { isTrackableHashtag } from './trackable';
import type { WindowState } from './window-state';

interface FoldIndex {
  readonly tags: string[];
  readonly tagPos: Map<string, number>;
  readonly languageKeys: string[];
  readonly languagePos: Map<string, number>;
}

const INDEXES = new WeakMap<WindowState, FoldIndex>();
const OTHER = OTHER_LANGUAGE;

function indexOf(state: WindowState): FoldIndex {
  const cached = INDEXES.get(state);
  // Identity checks catch a state whose arrays were replaced (e.g. restored into the object).
  if (cached !== undefined && cached.tags === state.tags && cached.languageKeys === state.languageKeys) return cached;
  const index: FoldIndex = {
    tags: state.tags,
    tagPos: new Map(state.tags.map((t, i) => [t, i])),
    languageKeys: state.languageKeys,
    languagePos: new Map(state.languageKeys.map((l, i) => [l, i])),
  };
  INDEXES.set(state, index);
  return index;
}

/**
 * Counts one occurrence of `tag` with the post's `sentiment`. A tracked tag's counter grows;
 * an untracked one takes a free counter, or, when all K are taken, the smallest counter
 * (count m): its count becomes m + 1 and its error m. Untrackable tags only count as "other".
 */
export function offerHashtag(state: WindowState, tag: string, sentiment: number): void {
  const { tagPos } = indexOf(state);
  const { tags, counts, errors, tagSentiment } = state;
  const pos = tagPos.get(tag);
  if (pos !== undefined) {
    counts[pos] = (counts[pos] as number) + 1;
    tagSentiment[pos] = (tagSentiment[pos] as number) + sentiment;
    siftDown(state, tagPos, pos);
    return;
  }
  if (!isTrackableHashtag(tag)) return;
  if (tags.length < state.hashtagCapacity) {
    tags.push(tag);
    counts.push(1);
    errors.push(0);
    tagSentiment.push(sentiment);
    tagPos.set(tag, tags.length - 1);
    siftUp(state, tagPos, tags.length - 1);
    return;
  }
  const min = counts[0] as number;
  tagPos.delete(tags[0] as string);
  tags[0] = tag;
  counts[0] = min + 1;
  errors[0] = min;
  tagSentiment[0] = sentiment;
  tagPos.set(tag, 0);
  state.evictions += 1;
  siftDown(state, tagPos, 0);
}

/** Counts one post of `language`; past the language capacity it counts under "other". */
export function bumpLanguage(state: WindowState, language: string): void {
  const { languagePos } = indexOf(state);
  let pos = languagePos.get(language);
  if (pos === undefined) {
    // One slot stays free for "other", so the map never exceeds the capacity.
    const key = state.languageKeys.length < state.languageCapacity - 1 ? language : OTHER;
    pos = languagePos.get(key);
    if (pos === undefined) {
      pos = state.languageKeys.push(key) - 1;
      state.languageCounts.push(0);
      languagePos.set(key, pos);
    }
  }
  state.languageCounts[pos] = (state.languageCounts[pos] as number) + 1;
}

/** Restores the heap order of the tag arrays (after they were read from outside). */
export function heapify(state: WindowState): void {
  const index = indexOf(state);
  for (let i = (state.tags.length >> 1) - 1; i >= 0; i -= 1) siftDown(state, index.tagPos, i);
}

function siftDown(state: WindowState, tagPos: Map<string, number>, start: number): void {
  const counts = state.counts;
  const n = counts.length;
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) return;
    const right = left + 1;
    const child = right < n && (counts[right] as number) < (counts[left] as number) ? right : left;
    if ((counts[child] as number) >= (counts[i] as number)) return;
    swap(state, tagPos, i, child);
    i = child;
  }
}

function siftUp(state: WindowState, tagPos: Map<string, number>, start: number): void {
  const counts = state.counts;
  let i = start;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((counts[parent] as number) <= (counts[i] as number)) return;
    swap(state, tagPos, i, parent);
    i = parent;
  }
}

function swap(state: WindowState, tagPos: Map<string, number>, a: number, b: number): void {
  swapIn(state.counts, a, b);
  swapIn(state.errors, a, b);
  swapIn(state.tagSentiment, a, b);
  const tags = state.tags;
  const tagA = tags[a] as string;
  const tagB = tags[b] as string;
  tags[a] = tagB;
  tags[b] = tagA;
  tagPos.set(tagB, a);
  tagPos.set(tagA, b);
}

function swapIn<T>(xs: T[], a: number, b: number): void {
  const t = xs[a] as T;
  xs[a] = xs[b] as T;
  xs[b] = t;
}
