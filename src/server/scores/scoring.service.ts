import {
  type CompiledVersion,
  type Evaluation,
  type ScoreState,
  applyAdjustment,
  buildState,
  decodeState,
  emptyState,
  encodeState,
  evaluateState,
  foldEvent,
  tierNameFor,
} from '../../scoring/index.ts';
import type { Contact } from '../contacts/contact-row.ts';
import type { Db } from '../db/transaction.ts';
import type { EventsRepository, StoredEvent } from '../events/events.repository.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { ScoreChange, ScoreChangeListener } from './score-changes.ts';
import { type HistoryRow, type ScoreRow, type ScoresRepository, scoreRow } from './scores.repository.ts';

export type HistoryReason =
  | { kind: 'event'; eventId: string; ruleIds?: string[] }
  | { kind: 'time' }
  | ({ kind: 'manual'; userId?: string; apiKeyId?: string; note?: string } & WorkflowOrigin)
  | ({ kind: 'attributes' } & WorkflowOrigin)
  | { kind: 'publish'; version: number };

/**
 * A change a workflow's action made: the workflow, every workflow whose actions led to it (so none of
 * them fires again for it — no loops), and the decision key of the change that started it all (each
 * workflow decides at most once per root, so workflows acting on each other cannot multiply).
 */
export interface WorkflowOrigin {
  workflowId?: string;
  workflowChain?: string[];
  workflowRoot?: string;
}

/** A version that keeps stored scores: the live one, or the one a running publish is building. */
export interface ActiveVersion {
  profileId: string;
  version: number;
  live: boolean;
  compiled: CompiledVersion;
}

/** One step of a change: the state after it, the instant it happened, and why. */
interface Step {
  state: ScoreState;
  at: number;
  reason: HistoryReason;
}

/**
 * A change to a contact's facts, as the steps it takes from a stored state. The state handed in is
 * owned by the change (freshly decoded or built), so steps may update it in place: each yielded step
 * is evaluated before the next is produced. `summary` is the reason recorded when a stored score had to
 * be rebuilt from the full history instead.
 */
interface Change {
  steps(
    version: ActiveVersion,
    state: ScoreState,
    contact: Contact,
    storedNextChangeAt: number | null,
  ): Iterable<Step>;
  summary(contact: Contact): HistoryReason;
  profileId?: string;
  /** Whether time-based changes already due are applied (and recorded as `time`) before this change. */
  catchUpTime: boolean;
}

/** Steps one after another, produced lazily (each is evaluated before the next folds into the state). */
function* chain(...parts: Iterable<Step>[]): Iterable<Step> {
  for (const part of parts) yield* part;
}

/** Time steps: every instant from `due` up to `now` at which the score changes by itself. */
function* dueSteps(
  version: ActiveVersion,
  state: ScoreState,
  contact: Contact,
  due: number | null,
  now: number,
): Iterable<Step> {
  let at = due;
  for (let guard = 0; guard < 1000 && at !== null && at <= now; guard++) {
    yield { state, at, reason: { kind: 'time' } };
    at = evaluateState(version.compiled, state, contact, at).nextChangeAt;
  }
}

/**
 * The stored due instant. It may stay earlier than the true next change (a lower bound): when a new
 * fact only postpones the next change, keeping the old instant spares an index update per event, and
 * the sweep, finding nothing changed then, stores the true instant. Reads evaluate the state itself,
 * so the API's nextChangeAt is always exact.
 */
function dueColumn(stored: number | null, next: number | null, now: number): number | null {
  if (stored !== null && stored > now && (next === null || next > stored)) return stored;
  return next;
}

/** Rule ids whose contribution differs between two evaluations. */
function changedRules(before: Evaluation, after: Evaluation): string[] {
  const points = new Map(before.breakdown.map((line) => [line.ruleId, line.points]));
  const changed = new Set<string>();
  for (const line of after.breakdown) {
    if (points.get(line.ruleId) !== line.points) changed.add(line.ruleId);
    points.delete(line.ruleId);
  }
  for (const ruleId of points.keys()) changed.add(ruleId);
  return [...changed];
}

export function scoringService(deps: {
  profiles: ProfilesRepository;
  scores: ScoresRepository;
  events: EventsRepository;
  versions: VersionCache;
  /** Told of every live score change, in the transaction that records it (workflows). */
  listener: ScoreChangeListener;
}) {
  const { profiles, scores, events, versions, listener } = deps;

  async function activeVersions(trx: Db, accountId: string): Promise<ActiveVersion[]> {
    const active: ActiveVersion[] = [];
    for (const profile of await profiles.scoring(accountId, trx)) {
      for (const [version, live] of [
        [profile.live_version, true],
        [profile.pending_version, false],
      ] as const) {
        if (version === null) continue;
        const n = Number(version);
        active.push({
          profileId: profile.id,
          version: n,
          live,
          compiled: await versions.get(accountId, profile.id, n, trx),
        });
      }
    }
    return active;
  }

  /** The state of a contact under a version, from its full history (events and adjustments). */
  async function rebuild(trx: Db, accountId: string, version: ActiveVersion, contactId: string, now: number) {
    const history = await events.forContact(accountId, contactId, trx);
    const adjustments = await scores.adjustments(accountId, version.profileId, contactId, trx);
    const manual = adjustments.reduce((sum, a) => sum + a.delta, 0);
    return buildState(version.compiled, history, manual, now);
  }

  /**
   * Applies a change to the stored scores of these contacts under every active version (or one
   * profile's), recording history for the live version. Runs inside the caller's transaction.
   * `created` names contacts that did not exist before this change (their state starts empty).
   */
  async function apply(
    trx: Db,
    accountId: string,
    contacts: readonly Contact[],
    change: Change,
    now: number,
    created: ReadonlySet<string>,
  ) {
    const ids = contacts.map((c) => c.id);
    const watch = await listener.watch(trx, accountId);
    const changes: ScoreChange[] = [];
    for (const version of await activeVersions(trx, accountId)) {
      if (change.profileId && version.profileId !== change.profileId) continue;
      const stored = await scores.load(accountId, version.profileId, version.version, ids, trx);
      const rows: ScoreRow[] = [];
      const history: HistoryRow[] = [];
      const pending: Omit<ScoreChange, 'key'>[] = [];
      const tierOf = (score: number) => tierNameFor(score, version.compiled.definition.tiers);
      for (const contact of contacts) {
        const row = stored.get(contact.id);
        let steps: Iterable<Step>;
        let previous: Evaluation | null = null;
        if (row) {
          const state = decodeState(version.compiled, row.state);
          previous = evaluateState(version.compiled, state, contact, now);
          previous = { ...previous, score: row.score };
          const pending = change.steps(version, state, contact, row.next_change_at);
          // A change that arrives before the sweep applied a due time change records that change first.
          steps = change.catchUpTime
            ? chain(dueSteps(version, state, contact, row.next_change_at, now), pending)
            : pending;
        } else if (!version.live) {
          continue; // the publish job has not reached this contact yet; it will read the new facts itself
        } else if (created.has(contact.id)) {
          steps = change.steps(version, emptyState(version.compiled), contact, null);
        } else {
          steps = [
            {
              state: await rebuild(trx, accountId, version, contact.id, now),
              at: now,
              reason: change.summary(contact),
            },
          ];
        }
        let last = previous;
        let evaluation: Evaluation | null = null;
        let finalState: ScoreState | null = null;
        for (const step of steps) {
          evaluation = evaluateState(version.compiled, step.state, contact, step.at);
          finalState = step.state;
          if (version.live && (last === null || last.score !== evaluation.score)) {
            // An event names the rules it moved (for a first score: every rule that contributes).
            const reason =
              step.reason.kind === 'event'
                ? {
                    ...step.reason,
                    ruleIds: last
                      ? changedRules(last, evaluation)
                      : evaluation.breakdown.map((l) => l.ruleId),
                  }
                : step.reason;
            history.push({
              account_id: accountId,
              profile_id: version.profileId,
              contact_id: contact.id,
              at: step.at,
              from_score: last?.score ?? null,
              to_score: evaluation.score,
              reason: JSON.stringify(reason),
            });
            if (watch?.profiles.has(version.profileId))
              pending.push({
                profileId: version.profileId,
                contact,
                at: step.at,
                from: last?.score ?? null,
                fromTier: last ? tierOf(last.score) : null,
                to: evaluation.score,
                toTier: tierOf(evaluation.score),
                reason,
              });
          }
          last = evaluation;
        }
        if (!evaluation || !finalState) {
          // No step (nothing to apply): still refresh the row so due times stay right.
          if (!row) continue;
          finalState = decodeState(version.compiled, row.state);
          evaluation = evaluateState(version.compiled, finalState, contact, now);
        }
        rows.push(
          scoreRow(
            accountId,
            version.profileId,
            version.version,
            contact,
            evaluation,
            encodeState(version.compiled, finalState),
            now,
            dueColumn(row?.next_change_at ?? null, evaluation.nextChangeAt, now),
          ),
        );
      }
      await scores.save(rows, trx, stored);
      const seqs = await scores.insertHistory(history, trx);
      // A watched profile's changes are its history rows, one for one.
      pending.forEach((change, i) => changes.push({ ...change, key: `h${seqs[i]!}` }));
    }
    // After every version is written: workflow actions run later, in transactions of their own.
    if (watch && changes.length > 0) await watch.changed(changes);
  }

  /** A contact's current state under a version: the stored one, or rebuilt from its history when none is stored. */
  async function stateOf(trx: Db, accountId: string, version: ActiveVersion, contactId: string, now: number) {
    const row = (await scores.load(accountId, version.profileId, version.version, [contactId], trx)).get(
      contactId,
    );
    return row ? decodeState(version.compiled, row.state) : rebuild(trx, accountId, version, contactId, now);
  }

  return {
    activeVersions,
    rebuild,
    stateOf,

    /** New events (already stored, not yet folded into any state) for these contacts. */
    async applyEvents(
      trx: Db,
      accountId: string,
      contacts: readonly Contact[],
      newEvents: ReadonlyMap<string, readonly StoredEvent[]>,
      now: number,
      created: ReadonlySet<string>,
    ) {
      const change: Change = {
        // A score rebuilt from the full history names the contact's latest new event as its cause.
        summary: (contact) => ({ kind: 'event', eventId: newEvents.get(contact.id)?.at(-1)?.id ?? '' }),
        catchUpTime: true,
        *steps(version, state, contact) {
          for (const event of newEvents.get(contact.id) ?? []) {
            foldEvent(version.compiled, state, event, now);
            yield { state, at: now, reason: { kind: 'event', eventId: event.id } };
          }
        },
      };
      return apply(trx, accountId, contacts, change, now, created);
    },

    /** Contact attributes changed (or the contact is new): re-evaluate state rules and a₀. */
    async applyAttributes(
      trx: Db,
      accountId: string,
      contacts: readonly Contact[],
      now: number,
      created: ReadonlySet<string>,
      origin: WorkflowOrigin = {},
    ) {
      const reason: HistoryReason = { kind: 'attributes', ...origin };
      return apply(
        trx,
        accountId,
        contacts,
        {
          summary: () => reason,
          catchUpTime: true,
          steps: (_v, state) => [{ state, at: now, reason }],
        },
        now,
        created,
      );
    },

    /** A manual adjustment (already recorded) on one profile. */
    async applyAdjustment(
      trx: Db,
      accountId: string,
      profileId: string,
      contact: Contact,
      delta: number,
      reason: HistoryReason,
      now: number,
    ) {
      return apply(
        trx,
        accountId,
        [contact],
        {
          profileId,
          summary: () => reason,
          catchUpTime: true,
          steps: (_v, state) => [{ state: applyAdjustment(state, delta), at: now, reason }],
        },
        now,
        new Set(),
      );
    },

    /** Time passed: steps through every due instant up to `now`. */
    async applyTime(
      trx: Db,
      accountId: string,
      profileId: string,
      contacts: readonly Contact[],
      now: number,
    ) {
      return apply(
        trx,
        accountId,
        contacts,
        {
          profileId,
          summary: () => ({ kind: 'time' }),
          catchUpTime: false,
          steps: (version, state, contact, storedNextChangeAt) =>
            dueSteps(version, state, contact, storedNextChangeAt, now),
        },
        now,
        new Set(),
      );
    },
  };
}

export type ScoringService = ReturnType<typeof scoringService>;
