import { createHash } from 'node:crypto';
import type { ListScope, ListSort } from '../../contracts/lists.ts';
import type { SignedCursors } from '../cursor.ts';
import { AppError } from '../errors.ts';
import { CURSOR_LIFETIME_MS } from './list-moves.repository.ts';
import type { ListCriteria } from './list.repository.ts';
import type { ListRequest } from './list-request.ts';
import type { SortKey } from './sort-keys.ts';

/**
 * What a list cursor holds: the list it belongs to (scope, sort, a digest of the filters, the profile
 * version), the snapshot paging began at (a change number) and when, and where the page ended.
 */
export interface ListCursor {
  scope: ListScope;
  sort: ListSort;
  digest: string;
  version: number | null;
  snapshot: number;
  issuedAt: number;
  key: SortKey;
}

/** The JSON kinds a cursor's sort value may take for a list (null: a row without the value, listed last). */
function sortValueKinds(request: ListRequest): string {
  if (request.sort === 'name:asc') return 'string|null';
  if (request.sort.startsWith('lastMessageAt'))
    return request.scope === 'contacts' ? 'number|null' : 'number';
  return 'number';
}

/** A short digest of what a list filters by, so a cursor cannot be replayed against other filters. */
export const filtersDigest = (criteria: ListCriteria) =>
  createHash('sha256')
    .update(JSON.stringify({ ...criteria, scores: criteria.scores?.profileId ?? null }))
    .digest('base64url')
    .slice(0, 12);

/** How many changes (installation-wide) a cursor's snapshot may lag behind before it must start again. */
export const MAX_CHANGES_SINCE_SNAPSHOT = 200_000;

function cursorError(message: string) {
  return new AppError('validation_failed', `cursor: ${message}`, [{ path: 'cursor', message }]);
}

export function encodeListCursor(cursors: SignedCursors, c: ListCursor): string {
  return cursors.encode([
    c.scope,
    c.sort,
    c.digest,
    c.version,
    c.snapshot,
    c.issuedAt,
    c.key.value,
    c.key.id,
  ]);
}

/**
 * A cursor is tied to its list: scope, sort, the filters (as a short digest) and the profile version.
 * Given to another list it is a 400; after a republish, a 409; after 24 hours, a 400.
 */
export function readListCursor(
  cursors: SignedCursors,
  now: number,
  cursor: string,
  request: ListRequest,
  filtersDigest: string,
  version: number | null,
) {
  const [scope, sort, digest, cursorVersion, snapshot, issuedAt, value, id] = cursors.decode(cursor, [
    'string',
    'string',
    'string',
    'number|null',
    'number',
    'number',
    sortValueKinds(request),
    'string',
  ]) as [ListScope, ListSort, string, number | null, number, number, number | string | null, string];
  if (scope !== request.scope) throw cursorError(`was given out for the ${scope} list, not ${request.scope}`);
  if (sort !== request.sort) throw cursorError(`was given out for sort ${sort}, not ${request.sort}`);
  if (digest !== filtersDigest)
    throw cursorError('was given out for other filters; start again from the first page');
  if (now - issuedAt > CURSOR_LIFETIME_MS)
    throw cursorError('has expired (cursors last 24 hours); start again from the first page');
  if (cursorVersion !== version)
    throw new AppError(
      'conflict',
      'the profile was republished since this list was opened; start again from the first page',
    );
  return { snapshot, issuedAt, key: { value, id } };
}
