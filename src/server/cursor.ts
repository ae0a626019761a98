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
