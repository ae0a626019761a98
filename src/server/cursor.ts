import { AppError } from './errors.ts';

/** Opaque list cursors: the last row's sort key, base64url-encoded JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const badCursor = () =>
  new AppError('validation_failed', 'cursor: is not a cursor this list gave out', [
    { path: 'cursor', message: 'is not a cursor this list gave out' },
  ]);

/** Decodes a cursor and checks each position's type ('number' | 'string' | 'string|null'). */
export function decodeCursor(
  cursor: string,
  shape: readonly ('number' | 'string' | 'string|null')[],
): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(values) || values.length !== shape.length) throw badCursor();
  shape.forEach((kind, i) => {
    const v = values[i];
    const ok =
      kind === 'number'
        ? Number.isFinite(v)
        : kind === 'string'
          ? typeof v === 'string'
          : v === null || typeof v === 'string';
    if (!ok) throw badCursor();
  });
  return values;
}
