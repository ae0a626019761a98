import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.ts';

/** Opaque list cursors: the last row's sort key, base64url-encoded JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const badCursor = () =>
  new AppError('validation_failed', 'cursor: is not a cursor this list gave out', [
    { path: 'cursor', message: 'is not a cursor this list gave out' },
  ]);

type Kind = 'number' | 'string' | 'null';
const kindOf = (v: unknown): Kind | undefined =>
  v === null ? 'null' : typeof v === 'string' ? 'string' : Number.isFinite(v) ? 'number' : undefined;

/** Decodes a cursor and checks each position's type, e.g. 'number', 'string|null'. */
export function decodeCursor(cursor: string, shape: readonly string[]): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw badCursor();
  shape.forEach((kinds, i) => {
    const kind = kindOf(values[i]);
    if (kind === undefined || !kinds.split('|').includes(kind)) throw badCursor();
  });
  return values;
}

/**
 * Cursors that carry more than a position (a list's snapshot and issue time) are signed with an
 * installation secret, so a client cannot forge an old snapshot or extend a cursor's life.
 */
export function signedCursors(secret: string) {
  const mac = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
  return {
    encode(values: readonly unknown[]): string {
      const payload = encodeCursor(values);
      return `${payload}.${mac(payload)}`;
    },
    decode(cursor: string, shape: readonly string[]): unknown[] {
      const dot = cursor.lastIndexOf('.');
      const payload = cursor.slice(0, Math.max(0, dot));
      const given = Buffer.from(cursor.slice(dot + 1));
      const expected = Buffer.from(mac(payload));
      if (dot < 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
      return decodeCursor(payload, shape);
    },
  };
}

export type SignedCursors = ReturnType<typeof signedCursors>;
