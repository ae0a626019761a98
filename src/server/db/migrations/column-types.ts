import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../database.ts';

/**
 * Text columns compare byte by byte on both databases: ids, sort names and cursors are ordered and
 * compared in JavaScript too (list merges, keyset cursors), which only agrees with the database's order
 * under a byte-wise collation. SQLite's default is binary; on PostgreSQL the database's locale (say
 * en_US) would sort 'c_10' before 'c_1a', so each text column says COLLATE "C" (its indexes are faster
 * for it too).
 */
export function textType(dialect: Dialect): 'text' | RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`text collate "C"` : 'text';
}
