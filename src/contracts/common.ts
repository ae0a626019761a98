import { z } from 'zod';
import './messages.ts';
import { ID_PATTERN } from '../scoring/index.ts';

export const IdSchema = z
  .string()
  .regex(ID_PATTERN, 'must be 1–128 characters of A-Z a-z 0-9 . _ : @ -')
  .meta({ example: 'c_1042' });

/** ISO-8601 instant with a zone (Z or ±hh:mm), e.g. 2026-11-23T10:00:00Z. */
export const InstantSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-11-23T10:00:00Z',
});

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        'validation_failed',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'payload_too_large',
        'unsupported_media_type',
        'rate_limited',
        'internal',
      ]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** A whole number in a query string, written in plain decimal (no hex, exponent or spaces). */
export function intParam(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d{1,15}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined });
}

/** The `limit` of every list: 1–200, default 50; out of range is a 400, never clamped. */
export const LimitParam = intParam(1, 200).default(50);

export const PageQuery = z.strictObject({
  limit: LimitParam,
  cursor: z.string().max(500).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** JSON objects stored as given, bounded by their UTF-8 JSON size. */
const MAX_JSON_DEPTH = 32;

/** Depth of nesting, or Infinity past the limit (so hostile nesting is rejected before it is walked far). */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit) return Number.POSITIVE_INFINITY;
  if (value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
  return deepest;
}

/** The first number that JSON cannot hold (1e999 parses to Infinity and would be stored as null). */
function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(hasNonFinite);
}

/** JSON objects stored as given: at most `maxBytes` of UTF-8 JSON, nested at most 32 deep, finite numbers. */
export function boundedJsonObject(maxBytes: number) {
  return z
    .record(z.string(), z.unknown())
    .refine((value) => depthOf(value, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH, {
      message: `must not nest objects or lists more than ${MAX_JSON_DEPTH} deep`,
      abort: true,
    })
    .refine((value) => !hasNonFinite(value), { message: 'must hold only finite numbers', abort: true })
    .refine((value) => Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes, {
      message: `must be at most ${maxBytes} bytes of JSON`,
    });
}
