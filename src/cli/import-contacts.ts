import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { CsvError, parse } from 'csv-parse';
import type { z } from 'zod';
import { ContactUpsertSchema, IdSchema } from '../contracts/contacts.ts';
import { CHANNELS } from '../scoring/index.ts';
import { unguardCsvCell } from '../server/csv.ts';
import type { Tally } from '../server/main.ts';
import { normalizeEmail } from '../server/users/users.service.ts';
import { issuesToDetails, summarize } from '../server/validation.ts';

/** Rows per transaction. */
const BATCH = 1000;
/** Rejected rows the report keeps (and lists); the rest are counted. */
const REJECTED_LISTED = 50;
/** A record (one row, with its quoted line breaks) longer than this stops the import (a quote left open). */
const MAX_RECORD_BYTES = 1024 * 1024;

type DndKey = 'all' | (typeof CHANNELS)[number];
type Target =
  | 'id'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'tags'
  | 'assignedTo'
  | 'createdAt'
  | `dnd.${DndKey}`;

/** A header as matched: lowercase letters and digits only (`Contact ID`, `contact_id`, `contactId` alike). */
const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

const HEADERS = new Map<string, Target>([
  ...['id', 'contact id', 'external id'].map((h) => [headerKey(h), 'id'] as const),
  ...['name', 'full name'].map((h) => [headerKey(h), 'name'] as const),
  [headerKey('first name'), 'firstName'],
  [headerKey('last name'), 'lastName'],
  ...['email', 'email address'].map((h) => [headerKey(h), 'email'] as const),
  ...['phone', 'phone number', 'mobile'].map((h) => [headerKey(h), 'phone'] as const),
  ['tags', 'tags'],
  ...['assigned to', 'owner'].map((h) => [headerKey(h), 'assignedTo'] as const),
  ...['created at', 'created'].map((h) => [headerKey(h), 'createdAt'] as const),
  ['dnd', 'dnd.all'],
  ['dndall', 'dnd.all'],
  ...CHANNELS.map((channel) => [headerKey(`dnd ${channel}`), `dnd.${channel}`] as const),
]);

/** The file has no usable header row: nothing was imported (exit code 2). */
export class CsvHeaderError extends Error {}

interface Mapping {
  /** Each column's target, or null when the column is ignored. */
  columns: (Target | null)[];
  ignored: string[];
}

function mapHeader(header: readonly string[], file: string): Mapping {
  const taken = new Set<Target>();
  const columns = header.map((name) => {
    const target = HEADERS.get(headerKey(name));
    if (!target || taken.has(target)) return null; // unknown, or a second column for the same field
    taken.add(target);
    return target;
  });
  if (!taken.has('id'))
    throw new CsvHeaderError(
      `${file} has no id column (its header must name one of: id, contact id, contactId, external id); found: ${header.join(', ')}`,
    );
  // A full name wins over first and last name.
  if (taken.has('name'))
    columns.forEach((target, i) => {
      if (target === 'firstName' || target === 'lastName') columns[i] = null;
    });
  return { columns, ignored: header.filter((_, i) => columns[i] === null) };
}

const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** `2026-01-02`, `2026-01-02 10:00` (UTC when no zone is given) and full ISO-8601 instants. */
function instant(text: string): string {
  const m = DATE_TIME.exec(text);
  if (!m) return text; // the schema names the problem
  const zone = m[4] === undefined ? 'Z' : m[4].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return `${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ':00'}${zone}`;
}

interface Row {
  id: string;
  input: z.infer<typeof ContactUpsertSchema>;
  /** The assignedTo cell as written: a user id or a user's email, resolved before the upsert. */
  assignee?: string;
}

/** One record as an upsert, or the reasons it is rejected (each naming its field). */
function toRow(mapping: Mapping, cells: readonly string[]): Row | { error: string } {
  if (cells.length !== mapping.columns.length)
    return { error: `has ${cells.length} cells where the header has ${mapping.columns.length}` };
  let id = '';
  const input: Record<string, unknown> = {};
  const names: string[] = [];
  const dnd: Record<string, boolean> = {};
  const problems: { path: string; message: string }[] = [];
  let assignee: string | undefined;
  mapping.columns.forEach((target, i) => {
    if (target === null) return;
    const cell = unguardCsvCell(cells[i]!);
    const text = cell.trim();
    if (target === 'id') id = text;
    else if (target === 'name' || target === 'email' || target === 'phone')
      input[target] = text === '' ? null : cell;
    else if (target === 'firstName' || target === 'lastName') {
      input.name = null;
      if (text !== '') names[target === 'firstName' ? 0 : 1] = text;
    } else if (target === 'tags')
      input.tags = text
        .split(/[;,]/)
        .map((tag) => tag.trim())
        .filter(Boolean);
    else if (target === 'assignedTo') {
      input.assignedTo = null;
      if (text !== '') assignee = text;
    } else if (target === 'createdAt') {
      if (text !== '') input.createdAt = instant(text);
    } else {
      input.dnd = dnd;
      const flag = BOOLEANS.get(text.toLowerCase());
      if (flag !== undefined) dnd[target.slice(4)] = flag;
      else if (text !== '')
        problems.push({ path: target, message: 'must be true, false, yes, no, 1 or 0 (or empty)' });
    }
  });
  if (names.length > 0) input.name = names.filter(Boolean).join(' ');
  if (id === '') problems.unshift({ path: 'id', message: 'is empty' });
  else {
    const checked = IdSchema.safeParse(id);
    if (!checked.success) problems.unshift(...issuesToDetails(checked.error.issues, 'id'));
  }
  const parsed = ContactUpsertSchema.safeParse(input);
  if (!parsed.success) problems.push(...issuesToDetails(parsed.error.issues));
  if (problems.length > 0 || !parsed.success) return { error: summarize(problems) };
  return { id, input: parsed.data, ...(assignee !== undefined && { assignee }) };
}

/** Users named in assignedTo cells, by id or by email, within the account (looked up once each). */
function userResolver(tally: Tally, accountId: string) {
  const known = new Map<string, string | null>();
  return async (value: string): Promise<string | null> => {
    let userId = known.get(value);
    if (userId === undefined) {
      userId = (await tally.repos.users.find(accountId, value))?.id ?? null;
      if (userId === null && value.includes('@')) {
        const user = await tally.repos.users.findByEmail(normalizeEmail(value));
        if (user?.account_id === accountId) userId = user.id;
      }
      known.set(value, userId);
    }
    return userId;
  };
}

export interface ContactImportReport {
  /** Data rows read (blank rows are skipped). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejectedTotal: number;
  /** The first rejected rows, by line: the physical line where the record starts (the header is 1). */
  rejected: { line: number; message: string }[];
  /** Header cells not imported (unknown, or written by the export but not taken, like score). */
  ignoredColumns: string[];
  /** A record the parser could not read (a quote never closed): reading stopped there. */
  stopped: { line: number; message: string } | null;
}

/** A data row of a batch, in line order: an upsert, or the reason it is rejected. */
interface Entry {
  line: number;
  row?: Row;
  error?: string;
}

/**
 * Streams a CSV file of contacts into an account, upserting batch by batch through the contacts
 * service (the rules of PUT /contacts/{id}), and reports rejected rows by line.
 */
export async function importContacts(
  tally: Tally,
  accountId: string,
  file: string,
  options: { progress: boolean },
): Promise<ContactImportReport> {
  const size = statSync(file).size;
  const input = createReadStream(file);
  const parser = parse({
    bom: true,
    raw: true, // each record's text, to count the physical lines it spans
    relax_column_count: true, // a row with a wrong cell count is rejected on its own
    relax_quotes: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_BYTES,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  const report: ContactImportReport = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejectedTotal: 0,
    rejected: [],
    ignoredColumns: [],
    stopped: null,
  };
  const bar = options.progress
    ? new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} bytes | {rows} rows' })
    : null;
  const resolveUser = userResolver(tally, accountId);
  let batch: Entry[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const entries = batch;
    batch = [];
    for (const entry of entries) {
      if (entry.row?.assignee === undefined) continue;
      const userId = await resolveUser(entry.row.assignee);
      if (userId !== null) entry.row.input.assignedTo = userId;
      else entry.error = `assignedTo: no user "${entry.row.assignee}" in this account (by id or email)`;
    }
    const upserts = entries.filter((entry) => entry.error === undefined);
    const outcomes = await tally.services.contacts.upsertMany(
      accountId,
      upserts.map((entry) => entry.row!),
    );
    outcomes.forEach((outcome, i) => {
      if (typeof outcome === 'string') report[outcome]++;
      else upserts[i]!.error = outcome.error.message;
    });
    for (const entry of entries) {
      if (entry.error === undefined) continue;
      report.rejectedTotal++;
      if (report.rejected.length < REJECTED_LISTED)
        report.rejected.push({ line: entry.line, message: entry.error });
    }
    bar?.update(input.bytesRead, { rows: report.rows });
  };

  bar?.start(size, 0, { rows: 0 });
  try {
    let mapping: Mapping | null = null;
    let line = 1; // where the next record starts
    try {
      for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
        const start = line;
        line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
        if (record.every((cell) => cell.trim() === '')) continue; // a blank line
        if (!mapping) {
          mapping = mapHeader(record, file);
          report.ignoredColumns = mapping.ignored;
          continue;
        }
        report.rows++;
        const row = toRow(mapping, record);
        batch.push('error' in row ? { line: start, error: row.error } : { line: start, row });
        if (batch.length === BATCH) await flush();
      }
    } catch (error) {
      // The parser cannot go on past a malformed record; anything else is not the file's fault.
      if (!(error instanceof CsvError)) throw error;
      const message =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted cell is never closed'
          : error.code === 'CSV_MAX_RECORD_SIZE'
            ? `a row is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB (a quoted cell never closed?)`
            : error.message;
      report.stopped = { line, message: `${message}; the rest of the file was not read` };
    }
    await flush(); // rows read before a stop are imported too
    if (!mapping && !report.stopped) throw new CsvHeaderError(`${file} is empty: it has no header row`);
    bar?.update(size, { rows: report.rows });
  } finally {
    bar?.stop();
    input.destroy();
  }
  return report;
}

/** What `tally import contacts` prints: details on stderr, the summary on stdout. */
export function importSummary(file: string, report: ContactImportReport): { out: string; err: string } {
  const err: string[] = [];
  if (report.ignoredColumns.length > 0) err.push(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const r of report.rejected) err.push(`line ${r.line}: ${r.message}`);
  if (report.rejectedTotal > report.rejected.length)
    err.push(`… and ${report.rejectedTotal - report.rejected.length} more rejected rows`);
  if (report.stopped) err.push(`line ${report.stopped.line}: ${report.stopped.message}`);
  const rejected = report.rejectedTotal + (report.stopped ? 1 : 0);
  return {
    err: err.map((l) => `${l}\n`).join(''),
    out: `Imported ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${rejected} rejected\n`,
  };
}
