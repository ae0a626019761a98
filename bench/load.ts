/**
 * The load process: drives a running Tally over HTTP from outside the server's process and prints
 * one JSON line of results. Modes: `ingest` (batches of events for a duration) and `list` (the list
 * query given as `path`, e.g. the inbox: sort by score + score range + channel + assigned; the first
 * page and five pages deeper through the cursor).
 */
import { percentile } from './stats.ts';

interface Options {
  mode: 'ingest' | 'list';
  url: string;
  key: string;
  contacts: number;
  seconds: number;
  concurrency: number;
  batch: number;
  queries: number;
  profileId: string;
  /** The list query, under /api/v1. */
  path: string;
}

const options = JSON.parse(process.argv[2]!) as Options;
const TYPES = [
  'email.opened',
  'email.opened',
  'link.clicked',
  'page.viewed',
  'payment.succeeded',
  'message.received',
];
const contactId = (n: number) => `c${String(n).padStart(8, '0')}`;

async function post(body: unknown): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${options.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { accepted: number };
  if (response.status !== 200)
    throw new Error(`ingest answered ${response.status}: ${JSON.stringify(result)}`);
  return performance.now() - started + result.accepted * 0; // latency of the whole batch, scores included
}

async function ingest() {
  const latencies: number[] = [];
  let accepted = 0;
  let sequence = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const events = Array.from({ length: options.batch }, () => ({
        id: `load-${process.pid}-${sequence++}`,
        contactId: contactId(1 + Math.floor(Math.random() * options.contacts)),
        type: TYPES[Math.floor(Math.random() * TYPES.length)],
      }));
      latencies.push(await post({ events }));
      accepted += events.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return {
    events: accepted,
    seconds: elapsed,
    eventsPerSecond: accepted / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function list() {
  const first: number[] = [];
  const deep: number[] = [];
  const base = `${options.url}/api/v1${options.path}`;
  const get = async (url: string) => {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${options.key}` } });
    const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    if (response.status !== 200) throw new Error(`list answered ${response.status}: ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, cursor: body.nextCursor, rows: body.items.length };
  };
  let rows = 0;
  for (let i = 0; i < options.queries; i++) {
    const page = await get(base);
    first.push(page.ms);
    rows = page.rows;
    let cursor = page.cursor;
    for (let depth = 0; depth < 5 && cursor; depth++) {
      const next = await get(`${base}&cursor=${cursor}`);
      deep.push(next.ms);
      cursor = next.cursor;
    }
  }
  return {
    firstP50: percentile(first, 50),
    firstP95: percentile(first, 95),
    deepP50: percentile(deep, 50),
    deepP95: percentile(deep, 95),
    queries: first.length + deep.length,
    firstPageRows: rows,
  };
}

const result = options.mode === 'ingest' ? await ingest() : await list();
process.stdout.write(`${JSON.stringify(result)}\n`);
