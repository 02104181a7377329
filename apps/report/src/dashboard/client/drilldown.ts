// Dashboard client: the drill-down — recent posts of a hashtag, newest first, page by page.
import type { HashtagPostSummary } from '@streamlens/repositories';
import { api, asApiError, type ClientConfig, type HashtagPostsBody } from './api';
import { byId, el } from './dom';
import { signed } from './format';
import { markSelected } from './trends-panel';

const POSTS_PAGE = 20;

interface Drill {
  readonly tag: string;
  readonly opener: HTMLElement;
  cursor: string | null;
  sequence: number;
}

let drill: Drill | null = null;

function postItem(post: HashtagPostSummary): HTMLLIElement {
  const meta =
    `@${post.authorHandle} · ${post.source} · ${post.language} · ${new Date(post.createdAt).toLocaleString()}` +
    ` · sentiment ${signed(post.sentimentScore, 0)}`;
  return el('li', {}, [
    el('article', {}, [el('p', { class: 'meta', text: meta }), el('p', { class: 'text', text: post.textPreview })]),
  ]);
}

/** Loads the next page of the open drill-down. */
export async function loadPosts(config: ClientConfig | null): Promise<void> {
  const current = drill;
  if (!current) return;
  const sequence = ++current.sequence;
  const path =
    `/api/v1/hashtags/${encodeURIComponent(current.tag)}/posts?limit=${POSTS_PAGE}` +
    (current.cursor ? `&cursor=${encodeURIComponent(current.cursor)}` : '');
  byId('drilldown-status').textContent = 'Loading posts…';
  byId('posts-more').hidden = true;
  try {
    const page = await api<HashtagPostsBody>(path, config);
    if (drill !== current || sequence !== current.sequence) return;
    for (const post of page.posts) byId('posts-list').appendChild(postItem(post));
    current.cursor = page.nextCursor;
    byId('posts-more').hidden = !page.nextCursor;
    const shown = byId('posts-list').children.length;
    byId('drilldown-status').textContent =
      shown === 0
        ? `No stored posts for #${current.tag}.`
        : `${shown} ${shown === 1 ? 'post' : 'posts'} shown${page.nextCursor ? '; more available.' : '.'}`;
  } catch (err) {
    if (drill !== current) return;
    const e = asApiError(err);
    byId('drilldown-status').textContent =
      `Could not load posts: ${e.message}${e.requestId ? ` (request id ${e.requestId})` : ''}`;
  }
}

/** Opens the drill-down of `tag`; `opener` gets the focus back on close. */
export function openDrillDown(tag: string, opener: HTMLElement, config: ClientConfig | null): void {
  drill = { tag, opener, cursor: null, sequence: 0 };
  markSelected(tag);
  byId('drilldown').hidden = false;
  byId('drilldown-title').textContent = `Recent posts for #${tag}`;
  byId('posts-list').replaceChildren();
  byId('drilldown').scrollIntoView({ block: 'start' });
  byId('drilldown-title').focus();
  void loadPosts(config);
}

/** Closes the drill-down and gives the focus back to the hashtag that opened it. */
export function closeDrillDown(): void {
  const opener = drill?.opener;
  drill = null;
  markSelected(null);
  byId('drilldown').hidden = true;
  if (opener && document.contains(opener)) opener.focus();
}

/** The hashtag whose drill-down is open, if any. */
export function openTag(): string | null {
  return drill?.tag ?? null;
}
