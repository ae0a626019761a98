import { buildState, encodeState, evaluateState } from '../../scoring/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobsTable, ProfilesTable } from '../db/schema.ts';
import { type Db, inTransaction } from '../db/transaction.ts';
import type { EventsRepository } from '../events/events.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import { type ScoreRow, type ScoresRepository, scoreRow } from '../scores/scores.repository.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import type { JobsRepository } from './jobs.repository.ts';

/**
 * Recomputes every contact of the account under a new version, one chunk of contacts (in id order)
 * per transaction, then switches the profile to it atomically. The cursor is committed with each
 * chunk, so a run cut by a crash resumes where it stopped. Facts that arrive meanwhile reach the
 * new version's rows through the scoring service (rows already written) or this walk (rows not yet).
 */
export function publishJob(deps: {
  database: DatabaseHandle;
  profiles: ProfilesRepository;
  contacts: ContactsRepository;
  events: EventsRepository;
  scores: ScoresRepository;
  jobs: JobsRepository;
  versions: VersionCache;
  scoring: ScoringService;
  clock: Clock;
  chunk: number;
}) {
  const { database, profiles, contacts, events, scores, jobs, versions, scoring, clock } = deps;

  async function finish(trx: Db, job: JobsTable, profile: ProfilesTable) {
    const accountId = job.account_id;
    const version = Number(job.version);
    const active = (await scoring.activeVersions(trx, accountId)).find(
      (v) => v.profileId === profile.id && v.version === version,
    )!;
    const now = clock.now();
    // Contacts created behind the cursor while the walk ran have no row yet. Erasing a contact
    // erases its rows, so equal counts mean none is missing and the anti-join can be skipped.
    const complete =
      (await scores.countVersion(accountId, profile.id, version, trx)) ===
      (await contacts.count(accountId, trx));
    const missing = complete ? [] : await scores.contactsWithoutScore(accountId, profile.id, version, trx);
    const found = await contacts.findMany(accountId, missing, trx);
    const rows: ScoreRow[] = [];
    for (const contact of found.values()) {
      const state = await scoring.rebuild(trx, accountId, active, contact.id, now);
      const evaluation = evaluateState(active.compiled, state, contact, now);
      rows.push(
        scoreRow(
          accountId,
          profile.id,
          version,
          contact.id,
          evaluation,
          encodeState(active.compiled, state),
          now,
        ),
      );
    }
    await scores.save(rows, trx);
    const previous = profile.live_version === null ? null : Number(profile.live_version);
    await scores.recordPublish(accountId, profile.id, version, previous, now, trx);
    await scores.releasePendingDue(accountId, profile.id, version, trx);
    await profiles.update(
      accountId,
      profile.id,
      { live_version: version, pending_version: null, updated_at: now },
      trx,
    );
    await scores.deleteVersionsExcept(accountId, profile.id, version, trx);
    const total = await contacts.count(accountId, trx);
    await jobs.update(job.id, { status: 'succeeded', done: total, total, finished_at: now }, trx);
  }

  return async function runPublish(job: JobsTable): Promise<void> {
    const accountId = job.account_id;
    const profileId = job.profile_id!;
    const version = Number(job.version);
    const compiled = await versions.get(accountId, profileId, version);
    const needsProperties = compiled.definition.rules.some(
      (rule) => rule.kind === 'event' && (rule.where?.length ?? 0) > 0,
    );
    if (job.status === 'queued') await jobs.update(job.id, { status: 'running', started_at: clock.now() });
    let cursor = job.cursor;
    let done = Number(job.done);
    for (;;) {
      const outcome = await inTransaction(database, async (trx) => {
        const profile = await profiles.find(accountId, profileId, trx);
        if (!profile || profile.pending_version === null || Number(profile.pending_version) !== version) {
          // Unpublished, deleted or superseded: this version will never go live.
          const current = await jobs.find(accountId, job.id, trx);
          if (current && (current.status === 'queued' || current.status === 'running'))
            await jobs.update(
              job.id,
              {
                status: 'failed',
                error: 'cancelled: the profile no longer publishes this version',
                finished_at: clock.now(),
              },
              trx,
            );
          return 'stopped';
        }
        const page = await contacts.page(accountId, cursor, deps.chunk, trx);
        if (page.length === 0) {
          await finish(trx, { ...job, cursor, done }, profile);
          return 'finished';
        }
        const upTo = page[page.length - 1]!.id;
        const history = await events.scanContactRange(accountId, cursor, upTo, needsProperties, trx);
        const totals = await scores.adjustmentTotals(accountId, profileId, cursor, upTo, trx);
        const now = clock.now();
        const rows = page.map((contact) => {
          const state = buildState(compiled, history.get(contact.id) ?? [], totals.get(contact.id) ?? 0, now);
          const evaluation = evaluateState(compiled, state, contact, now);
          // The due instant waits outside the due index until the switch (see pending_due).
          return scoreRow(
            accountId,
            profileId,
            version,
            contact.id,
            evaluation,
            encodeState(compiled, state),
            now,
            null,
            evaluation.nextChangeAt,
          );
        });
        await scores.save(rows, trx);
        cursor = upTo;
        done += page.length;
        await jobs.update(job.id, { cursor, done }, trx);
        return 'more';
      });
      if (outcome !== 'more') return;
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between chunks
    }
  };
}
