import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import type { Tally } from '../src/server/main.ts';
import { round } from './stats.ts';

type Report = (metric: string, value: string, target: string, ok: boolean | null) => void;

/** A receiver in a process of its own that answers every POST with 200 (as a fast real endpoint would). */
const RECEIVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end('ok')); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

async function startReceiverProcess() {
  const child = spawn(process.execPath, ['-e', RECEIVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  return { url: `http://127.0.0.1:${port}/hook`, stop: () => child.kill() };
}

/**
 * Webhook deliveries: a workflow created with applyToExisting decides for the top `count` contacts of
 * the profile (its job walks the scores in chunks, queueing one run per contact, as a publish that moves
 * them across a threshold does), then the delivery worker drains them to a local receiver with its
 * bounded concurrency.
 */
export async function benchDeliveries(
  tally: Tally,
  accountId: string,
  profileId: string,
  count: number,
  concurrency: number,
  report: Report,
) {
  const db = tally.database.db;
  const version = Number((await tally.repos.profiles.find(accountId, profileId))!.live_version);
  const cutoff = await sql<{ score: number }>`select score from scores
    where account_id = ${accountId} and profile_id = ${profileId} and version = ${version}
    order by score desc limit 1 offset ${count - 1}`.execute(db);
  const minScore = Number(cutoff.rows[0]?.score ?? Number.MIN_SAFE_INTEGER);
  const receiver = await startReceiverProcess();
  try {
    const queueStarted = performance.now();
    const principal = { accountId, apiKeyId: 'bench', userId: null, role: 'admin' as const };
    const workflow = await tally.services.workflows.create(principal, {
      name: 'Bench webhooks',
      enabled: true,
      trigger: { type: 'score.changed', profileId },
      conditions: [{ field: 'score', op: 'gte', value: minScore }],
      actions: [{ type: 'webhook', url: receiver.url }],
      applyToExisting: true,
    });
    await tally.runner.runOnce(); // the backfill job that decides for every matching contact
    const queueSeconds = (performance.now() - queueStarted) / 1000;
    const queued = await tally.repos.workflows.countUnfinished();
    report(
      'workflow decisions queued by an applyToExisting job',
      `${queued.toLocaleString()} in ${round(queueSeconds, 2)} s`,
      '(not a target)',
      null,
    );
    const sendStarted = performance.now();
    await tally.deliveries.runOnce();
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    const delivered = Number(
      (
        await sql<{ n: number }>`select count(*) as n from workflow_runs
          where account_id = ${accountId} and workflow_id = ${workflow.id} and status = 'succeeded'`.execute(
          db,
        )
      ).rows[0]!.n,
    );
    report(
      `webhook deliveries to a local receiver (concurrency ${concurrency})`,
      `${Math.round(delivered / sendSeconds).toLocaleString()} deliveries/s (${delivered.toLocaleString()} in ${round(sendSeconds, 1)} s)`,
      'bounded concurrency, none lost',
      delivered === queued,
    );
  } finally {
    receiver.stop();
  }
}
