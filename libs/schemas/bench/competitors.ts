// The same SocialPost rules written with each candidate library, for validation.bench.ts.
// Timestamps use one shared regex everywhere (the libraries' own ISO checks differ), so every
// candidate does comparable work; only the hand-written one also rejects impossible dates.
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import Ajv from 'ajv';
import * as v from 'valibot';
import { z } from 'zod';
import { LANGUAGE_TAG_PATTERN, POST_LIMITS } from '../src/limits';
import { SOURCE_NETWORKS } from '../src/types';
import { validateSocialPost } from '../src/validate';

/** A candidate: returns the issues of a record as `path: message` strings (empty when valid). */
export interface Candidate {
  readonly name: string;
  readonly validate: (input: unknown) => readonly string[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const NONE: readonly string[] = [];
const L = POST_LIMITS;

const zPost = z.object({
  schemaVersion: z.literal(1),
  postId: z.string().min(1).max(L.maxPostIdLength),
  source: z.enum(SOURCE_NETWORKS),
  author: z.object({
    id: z.string().min(1).max(L.maxAuthorIdLength),
    handle: z.string().min(1).max(L.maxHandleLength),
  }),
  text: z.string().max(L.maxTextLength),
  lang: z.string().max(L.maxLangLength).regex(LANGUAGE_TAG_PATTERN).nullish(),
  createdAt: z.string().regex(ISO),
  editedAt: z.string().regex(ISO).nullish(),
  engagement: z
    .object({
      likes: z.int().nonnegative().nullish(),
      reposts: z.int().nonnegative().nullish(),
      replies: z.int().nonnegative().nullish(),
    })
    .nullish(),
});

const vCount = v.nullish(v.pipe(v.number(), v.safeInteger(), v.minValue(0)));
const vPost = v.object({
  schemaVersion: v.literal(1),
  postId: v.pipe(v.string(), v.minLength(1), v.maxLength(L.maxPostIdLength)),
  source: v.picklist(SOURCE_NETWORKS),
  author: v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(L.maxAuthorIdLength)),
    handle: v.pipe(v.string(), v.minLength(1), v.maxLength(L.maxHandleLength)),
  }),
  text: v.pipe(v.string(), v.maxLength(L.maxTextLength)),
  lang: v.nullish(v.pipe(v.string(), v.maxLength(L.maxLangLength), v.regex(LANGUAGE_TAG_PATTERN))),
  createdAt: v.pipe(v.string(), v.regex(ISO)),
  editedAt: v.nullish(v.pipe(v.string(), v.regex(ISO))),
  engagement: v.nullish(v.object({ likes: vCount, reposts: vCount, replies: vCount })),
});

const nullish = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
const tCount = Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }), Type.Null()]));
const tPost = Type.Object({
  schemaVersion: Type.Literal(1),
  postId: Type.String({ minLength: 1, maxLength: L.maxPostIdLength }),
  source: Type.Union(SOURCE_NETWORKS.map((s) => Type.Literal(s))),
  author: Type.Object({
    id: Type.String({ minLength: 1, maxLength: L.maxAuthorIdLength }),
    handle: Type.String({ minLength: 1, maxLength: L.maxHandleLength }),
  }),
  text: Type.String({ maxLength: L.maxTextLength }),
  lang: nullish(Type.String({ maxLength: L.maxLangLength, pattern: LANGUAGE_TAG_PATTERN.source })),
  createdAt: Type.String({ pattern: ISO.source }),
  editedAt: nullish(Type.String({ pattern: ISO.source })),
  engagement: Type.Optional(
    Type.Union([Type.Object({ likes: tCount, reposts: tCount, replies: tCount }), Type.Null()]),
  ),
});
const typeboxChecker = TypeCompiler.Compile(tPost);
const ajvCheck = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(JSON.stringify(tPost)) as object);

/** Every candidate, each reporting all issues with paths. */
export const CANDIDATES: readonly Candidate[] = [
  {
    name: 'hand-written',
    validate: (input) => {
      const r = validateSocialPost(input);
      return r.ok ? NONE : r.issues.map((i) => `${i.path}: ${i.message}`);
    },
  },
  {
    name: 'zod 4 (safeParse)',
    validate: (input) => {
      const r = zPost.safeParse(input);
      return r.success ? NONE : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    },
  },
  {
    name: 'valibot (safeParse)',
    validate: (input) => {
      const r = v.safeParse(vPost, input);
      return r.success ? NONE : r.issues.map((i) => `${v.getDotPath(i) ?? '$'}: ${i.message}`);
    },
  },
  {
    name: 'TypeBox TypeCompiler',
    validate: (input) =>
      typeboxChecker.Check(input) ? NONE : [...typeboxChecker.Errors(input)].map((e) => `${e.path}: ${e.message}`),
  },
  {
    name: 'ajv (compiled, allErrors)',
    validate: (input) =>
      ajvCheck(input) ? NONE : (ajvCheck.errors ?? []).map((e) => `${e.instancePath}: ${e.message ?? ''}`),
  },
];
