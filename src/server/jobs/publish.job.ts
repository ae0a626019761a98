import { type CompiledVersion, encodeState, evaluateState, tierNameFor } from '../../scoring/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobsTable, ProfilesTable } from '../db/schema.ts';
import { type Db, inTransaction } from '../db/transaction.ts';
import type { EventsRepository } from '../events/events.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import { recomputePage } from '../scores/recompute.ts';
import type { ScoreChange, ScoreChangeListener, ScoreChangeWatch } from '../scores/score-changes.ts';
import { type ScoreRow, type ScoresRepository, scoreRow } from '../scores/scores.repository.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import type { JobLease } from './job-runner.ts';
import { type JobsRepository, LeaseLostError } from './jobs.repository.ts';

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
  listener: ScoreChangeListener;
  clock: Clock;
  chunk: number;
}) {
  const { database, profiles, contacts, scores, jobs, versions, scoring, listener, clock } = deps;

  /**
   * Tells the watch (workflows) of the switch's history rows — every contact whose score the new
   * version changed, or that had none — page by page, inside the switch's transaction.
   */
  async function announceSwitch(
    trx: Db,
    watch: ScoreChangeWatch,
    accountId: string,
    profileId: string,
    next: CompiledVersion,
    previous: CompiledVersion | null,
    /** The live version before, or (after a return to draft) the last one published. */
    earlierTiers: CompiledVersion,
    afterSeq: number,
  ) {
    for (let after = afterSeq; ; ) {
      const rows = await scores.historyAfter(accountId, profileId, after, 1000, trx);
      if (rows.length === 0) return;
      const found = await contacts.findMany(accountId, [...new Set(rows.map((r) => r.contact_id))], trx);
      // After a return to draft there is no live version, but a contact scored before still had a last
      // score: that is its previous one (it is not a first score).
      const unscored = rows.filter((r) => r.from_score === null).map((r) => r.contact_id);
      const earlier =
        previous === null && unscored.length > 0
          ? await scores.lastScoresBefore(accountId, profileId, unscored, afterSeq + 1, trx)
          : new Map<string, number>();
      const changes: ScoreChange[] = [];
      for (const row of rows) {
        const contact = found.get(row.contact_id);
        if (!contact) continue;
        const from = row.from_score ?? earlier.get(row.contact_id) ?? null;
        const fromTier = from === null ? null : tierNameFor(from, earlierTiers.definition.tiers);
        const toTier = tierNameFor(row.to_score, next.definition.tiers);
        if (from === row.to_score && fromTier === toTier) continue; // back where it was: nothing moved
        changes.push({
          profileId,
          contact,
          at: row.at,
          from,
          fromTier,
          to: row.to_score,
          toTier,
          reason: JSON.parse(row.reason),
          key: `h${row.seq}`,
        });
      }
      await watch.changed(changes);
      after = rows[rows.length - 1]!.seq;
    }
  }

  /**
   * A republish whose tiers differ can move a contact to another tier without changing its score (no
   * history row is written for it): those contacts are told as tier-only changes, so `tier.changed`
   * workflows see every contact the new boundaries moved.
   */
  async function announceTierMoves(
    trx: Db,
    watch: ScoreChangeWatch,
    accountId: string,
    profileId: string,
    next: { version: number; compiled: CompiledVersion },
    previous: { version: number; compiled: CompiledVersion },
    at: number,
  ) {
    const reason = { kind: 'publish' as const, version: next.version };
    for (let after: string | null = null; ; ) {
      const rows = await scores.unchangedScores(
        accountId,
        profileId,
        next.version,
        previous.version,
        after,
        1000,
        trx,
      );
      if (rows.length === 0) return;
      const moved = rows.filter(
        (r) =>
          tierNameFor(r.score, previous.compiled.definition.tiers) !==
          tierNameFor(r.score, next.compiled.definition.tiers),
      );
      const found = await contacts.findMany(
        accountId,
        moved.map((r) => r.contact_id),
        trx,
      );
      const changes: ScoreChange[] = [];
      for (const row of moved) {
        const contact = found.get(row.contact_id);
        if (!contact) continue;
        changes.push({
          profileId,
          contact,
          at,
          from: row.score,
          fromTier: tierNameFor(row.score, previous.compiled.definition.tiers),
          to: row.score,
          toTier: tierNameFor(row.score, next.compiled.definition.tiers),
          reason,
          key: `t${next.version}:${row.contact_id}`,
        });
      }
      if (changes.length > 0) await watch.changed(changes);
      after = rows[rows.length - 1]!.contact_id;
    }
  }

  async function finish(trx: Db, job: JobsTable, profile: ProfilesTable) {
    const accountId = job.account_id;
    const version = Number(job.version);
    const active = (await scoring.activeVersions(trx, accountId)).find(
      (v) => v.profileId === profile.id && v.version === version,
    )!;
    const now = clock.now();
    await scores.refreshStatistics('scores', trx);
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
          contact,
          evaluation,
          encodeState(active.compiled, state),
          now,
        ),
      );
    }
    await scores.save(rows, trx);
    const previous = profile.live_version === null ? null : Number(profile.live_version);
    const watch = await listener.watch(trx, accountId);
    const watched = watch?.profiles.has(profile.id) ? watch : null;
    const lastSeq = watched ? await scores.lastHistorySeq(trx) : 0;
    await scores.recordPublish(accountId, profile.id, version, previous, now, trx);
    if (watched) {
      const before = previous === null ? null : await versions.get(accountId, profile.id, previous, trx);
      // Versions are numbered by publish: after a return to draft, version − 1 is the last one published.
      const earlier =
        before ?? (version > 1 ? await versions.get(accountId, profile.id, version - 1, trx) : null);
      await announceSwitch(
        trx,
        watched,
        accountId,
        profile.id,
        active.compiled,
        before,
        earlier ?? active.compiled,
        lastSeq,
      );
      if (
        before &&
        JSON.stringify(before.definition.tiers) !== JSON.stringify(active.compiled.definition.tiers)
      )
        await announceTierMoves(
          trx,
          watched,
          accountId,
          profile.id,
          { version, compiled: active.compiled },
          { version: previous!, compiled: before },
          now,
        );
    }
    await scores.refreshStatistics('score_history', trx);
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

  /** A failed recompute must not leave the profile "publishing" forever: drop what it built, then fail. */
  async function abandon(job: JobsTable, error: unknown) {
    await inTransaction(
      database,
      async (trx) => {
        const profile = await profiles.find(job.account_id, job.profile_id!, trx);
        if (
          profile &&
          profile.pending_version !== null &&
          Number(profile.pending_version) === Number(job.version)
        ) {
          await scores.deleteVersion(job.account_id, profile.id, Number(job.version), trx);
          await profiles.update(job.account_id, profile.id, { pending_version: null }, trx);
        }
        await jobs.update(
          job.id,
          { status: 'failed', error: 'internal error; see the server log', finished_at: clock.now() },
          trx,
        );
      },
      { account: job.account_id },
    ).catch(() => undefined); // the runner logs the original error either way
    throw error;
  }

  return async function runPublish(job: JobsTable, lease: JobLease): Promise<void> {
    try {
      await walk(job, lease);
    } catch (error) {
      // A lost lease is not a failure: the process that holds the job now carries on with it.
      if (error instanceof LeaseLostError) throw error;
      await abandon(job, error);
    }
  };

  async function walk(job: JobsTable, lease: JobLease): Promise<void> {
    const accountId = job.account_id;
    const profileId = job.profile_id!;
    const version = Number(job.version);
    const profile = await profiles.find(accountId, profileId);
    if (!profile || profile.pending_version === null || Number(profile.pending_version) !== version) {
      await jobs.update(job.id, {
        status: 'failed',
        error: 'cancelled: the profile no longer publishes this version',
        finished_at: clock.now(),
      });
      return;
    }
    const compiled = await versions.get(accountId, profileId, version);
    let cursor = job.cursor;
    let done = Number(job.done);
    for (;;) {
      // The step returns its new position instead of moving cursor/done itself: on PostgreSQL a step the
      // server aborts (serialization failure) is run again and must start from the same place.
      const step = await inTransaction(
        database,
        async (trx) => {
          // First: this step commits only while the job is still this process's (see jobs.renew).
          await jobs.renew(job.id, lease.owner, lease.until(), trx);
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
            return 'stopped' as const;
          }
          const now = clock.now();
          const page = await recomputePage(
            deps,
            { accountId, profileId, version: compiled, after: cursor, limit: deps.chunk, now },
            trx,
          );
          if (page.length === 0) {
            await finish(trx, { ...job, cursor, done }, profile);
            return 'finished' as const;
          }
          const upTo = page[page.length - 1]!.contact.id;
          // The due instant waits outside the due index until the switch (see pending_due).
          const rows = page.map(({ contact, state, evaluation }) =>
            scoreRow(
              accountId,
              profileId,
              version,
              contact,
              evaluation,
              encodeState(compiled, state),
              now,
              null,
              evaluation.nextChangeAt,
            ),
          );
          await scores.save(rows, trx);
          const next = { cursor: upTo, done: done + page.length };
          await jobs.update(job.id, next, trx);
          return next;
        },
        { account: accountId },
      );
      if (typeof step === 'string') return;
      ({ cursor, done } = step);
      await new Promise((resolve) => setImmediate(resolve)); // let requests in between chunks
    }
  }
}
