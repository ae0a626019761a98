import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SingleBar } from 'cli-progress';
import type { Tally } from '../server/main.ts';

const BATCH = 1000;

export interface ImportReport {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; message: string }[];
}

/** Streams an NDJSON file of events into an account, batch by batch, reporting rejected lines by number. */
export async function importEvents(
  tally: Tally,
  accountId: string,
  file: string,
  options: { progress: boolean },
): Promise<ImportReport> {
  const size = statSync(file).size;
  const stream = createReadStream(file);
  const bar = options.progress
    ? new SingleBar({ format: 'import [{bar}] {percentage}% | {value}/{total} bytes | {lines} lines' })
    : null;
  bar?.start(size, 0, { lines: 0 });
  const report: ImportReport = { lines: 0, accepted: 0, duplicates: 0, rejected: [] };
  let items: unknown[] = [];
  let lineNumbers: number[] = [];
  const flush = async () => {
    if (items.length === 0) return;
    const result = await tally.services.events.ingest(accountId, items);
    report.accepted += result.accepted;
    report.duplicates += result.duplicates;
    for (const r of result.rejected)
      report.rejected.push({ line: lineNumbers[r.index]!, message: r.error.message });
    items = [];
    lineNumbers = [];
  };
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    report.lines++;
    if (line.trim() === '') continue;
    try {
      items.push(JSON.parse(line));
      lineNumbers.push(report.lines);
    } catch (error) {
      report.rejected.push({ line: report.lines, message: `not valid JSON (${(error as Error).message})` });
    }
    if (items.length === BATCH) {
      await flush();
      bar?.update(stream.bytesRead, { lines: report.lines });
    }
  }
  await flush();
  bar?.update(size, { lines: report.lines });
  bar?.stop();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}
