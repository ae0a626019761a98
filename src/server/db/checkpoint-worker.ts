/**
 * Runs SQLite WAL checkpoints on a worker thread with its own connection, so copying the WAL back
 * into the database (and its fsync) happens beside request handling instead of inside a commit.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
db.exec('pragma busy_timeout = 10000');
const checkpoint = db.prepare('pragma wal_checkpoint(passive)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // busy: the next tick tries again
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
