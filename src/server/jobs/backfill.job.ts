import { tierNameFor } from '../../scoring/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobsTable, WorkflowRunsTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { IdGenerator } from '../ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import { alreadyMeets, conditionsHold } from '../workflows/decisions.ts';
import { workflowFromRow } from '../workflows/workflow-row.ts';
import { runsForDecision } from '../workflows/workflow-trigger.ts';
import type { WorkflowsRepository } from '../workflows/workflows.repository.ts';
import type { JobLease } from './job-runner.ts';
import type { JobsRepository } from './jobs.repository.ts';

/**
 * `applyToExisting`: fires a new workflow once for every scored contact that already meets its trigger and
 * conditions, walking the profile's live scores in contact id order, one chunk per transaction with the
 * cursor committed alongside (a crash resumes where it stopped). Decisions are keyed `e<contact id>`, so a
 * chunk done twice decides nothing twice. Stops when the workflow is deleted or switched off meanwhile.
 */
export function backfillJob(deps: {
  database: DatabaseHandle;
  jobs: JobsRepository;
  workflows: WorkflowsRepository;
  profiles: ProfilesRepository;
  contacts: ContactsRepository;
  scores: ScoresRepository;
  versions: VersionCache;
  ids: IdGenerator;
  clock: Clock;
  chunk: number;
  onQueued: () => void;
}) {
  const { database, jobs, workflows, profiles, contacts, scores, versions, ids, clock } = deps;

  return async function runBackfill(job: JobsTable, lease: JobLease): Promise<void> {
    const accountId = job.account_id;
    let cursor = job.cursor;
    let done = Number(job.done);
    for (;;) {
      const step = await inTransaction(
        database,
        async (trx) => {
          await jobs.renew(job.id, lease.owner, lease.until(), trx);
          const now = clock.now();
          const row = await workflows.find(accountId, job.workflow_id!, trx);
          const profile = row && (await profiles.find(accountId, row.profile_id, trx));
          if (!row || Number(row.enabled) !== 1) {
            const error = 'cancelled: the workflow was deleted or switched off';
            await jobs.update(job.id, { status: 'failed', error, finished_at: now }, trx);
            return 'stopped' as const;
          }
          const workflow = workflowFromRow(row);
          const page =
            profile && profile.live_version !== null
              ? await scores.page(
                  accountId,
                  profile.id,
                  Number(profile.live_version),
                  cursor,
                  deps.chunk,
                  trx,
                )
              : [];
          if (page.length === 0) {
            await jobs.update(job.id, { status: 'succeeded', done, total: done, finished_at: now }, trx);
            return 'stopped' as const;
          }
          const { tiers } = (await versions.get(accountId, profile!.id, Number(profile!.live_version), trx))
            .definition;
          const found = await contacts.findMany(
            accountId,
            page.map((r) => r.contact_id),
            trx,
          );
          // A contact that changed after the workflow was made is judged by its score as it stood then:
          // the live trigger decided on the changes since (no second decision for the same crossing).
          const since = await scores.scoresAsOf(
            accountId,
            profile!.id,
            page.map((r) => r.contact_id),
            Number(job.history_seq ?? 0),
            trx,
          );
          const runs: WorkflowRunsTable[] = [];
          for (const row of page) {
            const { contact_id } = row;
            const score = since.has(contact_id) ? since.get(contact_id)! : row.score;
            if (score === null) continue; // first scored after the workflow was made: the live trigger's
            const contact = found.get(contact_id);
            const tier = tierNameFor(score, tiers);
            if (!contact || !alreadyMeets(workflow.trigger, score, tier)) continue;
            if (!conditionsHold(workflow.conditions, contact, score)) continue;
            const decision = {
              key: `e${contact_id}`,
              profileId: profile!.id,
              contact,
              at: now,
              from: null,
              fromTier: null,
              to: score,
              toTier: tier,
              cause: { kind: 'existing' },
              chain: [],
            };
            runs.push(...runsForDecision(accountId, workflow, decision, ids, now));
          }
          await workflows.insertRuns(runs, trx);
          const next = { cursor: page[page.length - 1]!.contact_id, done: done + page.length };
          await jobs.update(job.id, next, trx);
          return { ...next, queued: runs.length };
        },
        { account: accountId },
      );
      if (step === 'stopped') return;
      ({ cursor, done } = step);
      if (step.queued > 0) deps.onQueued();
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between chunks
    }
  };
}
