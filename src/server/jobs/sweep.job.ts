import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction, lockAccount } from '../db/transaction.ts';
import type { ListMovesRepository } from '../lists/list-moves.repository.ts';
import type { JobsRepository } from './jobs.repository.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import type { WorkflowsRepository } from '../workflows/workflows.repository.ts';

/**
 * Applies every due time-based change (expiry, inactivity), in batches, then forgets list moves no
 * cursor can need; returns how many rows it handled. With several processes on one database, one sweeps at
 * a time (the others find the batch lock taken and leave the round to it); a sweeper that dies releases
 * the lock with its connection.
 */
export function sweepJob(deps: {
  database: DatabaseHandle;
  scores: ScoresRepository;
  contacts: ContactsRepository;
  listMoves: ListMovesRepository;
  jobs: JobsRepository;
  workflows: Pick<WorkflowsRepository, 'pruneFinished'>;
  scoring: ScoringService;
  clock: Clock;
  /** Finished workflow runs older than this are deleted. */
  keepRunsMs: number;
  batch?: number;
}) {
  const batch = deps.batch ?? 5000;
  return async function sweep(): Promise<number> {
    const now = deps.clock.now();
    let handled = 0;
    for (;;) {
      const count = await inTransaction(
        deps.database,
        async (trx) => {
          if (!(await deps.jobs.tryExclusive('sweep', trx))) return null;
          const due = await deps.scores.due(now, batch, trx);
          const groups = new Map<string, { accountId: string; profileId: string; contactIds: Set<string> }>();
          for (const row of due) {
            const key = `${row.account_id}\u0000${row.profile_id}`;
            const group = groups.get(key) ?? {
              accountId: row.account_id,
              profileId: row.profile_id,
              contactIds: new Set(),
            };
            group.contactIds.add(row.contact_id);
            groups.set(key, group);
          }
          // Each account's writers take turns (see inTransaction); in one order, so two sweeps cannot deadlock.
          const ordered = [...groups.values()].sort((a, b) =>
            a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0,
          );
          let locked: string | null = null;
          for (const { accountId, profileId, contactIds } of ordered) {
            if (accountId !== locked) await lockAccount(deps.database, trx, accountId);
            locked = accountId;
            // Read after the lock: the state the account's last writer left.
            const contacts = await deps.contacts.findMany(accountId, [...contactIds], trx);
            await deps.scoring.applyTime(trx, accountId, profileId, [...contacts.values()], now);
          }
          return due.length;
        },
        { locksAccounts: true },
      );
      if (count === null) return handled; // another process is sweeping
      handled += count;
      if (count < batch) {
        await inTransaction(deps.database, (trx) => deps.listMoves.prune(now, trx));
        // Finished runs past their keeping time, a batch per transaction.
        const before = now - deps.keepRunsMs;
        for (;;) {
          const pruned = await inTransaction(deps.database, (trx) =>
            deps.workflows.pruneFinished(before, batch, trx),
          );
          if (pruned < batch) break;
        }
        return handled;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
}
