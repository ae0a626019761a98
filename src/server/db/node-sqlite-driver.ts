import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` (no native build) to the better-sqlite3-shaped interface
 * Kysely's SqliteDialect expects, with a prepared-statement cache.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  readonly #statements = new Map<string, SqliteStatement>();
  readonly #raw = new Map<string, StatementSync>();

  constructor(path: string) {
    this.raw = new DatabaseSync(path);
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = wrap(this.raw.prepare(sql));
      if (this.#statements.size > 500) this.#statements.clear();
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** A cached statement that returns rows as arrays: the fast path for bulk reads and writes. */
  rawStatement(sql: string): StatementSync {
    let statement = this.#raw.get(sql);
    if (!statement) {
      statement = this.raw.prepare(sql);
      if (statement.columns().length > 0) statement.setReturnArrays(true);
      this.#raw.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#raw.clear();
    this.#statements.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}

type Bindable = null | number | bigint | string | Uint8Array;

function toBindable(value: unknown): Bindable {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as Bindable;
}

function wrap(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...parameters.map(toBindable)),
    run: (parameters) => statement.run(...parameters.map(toBindable)),
    iterate: (parameters) => statement.iterate(...parameters.map(toBindable)) as IterableIterator<unknown>,
  };
}
