import type { z } from 'zod';
import type { AdjustmentSchema } from '../../contracts/scores.ts';
import {
  type CompiledVersion,
  type Evaluation,
  decodeState,
  evaluateHistory,
  evaluateState,
} from '../../scoring/index.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { type Db, inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { EventsRepository } from '../events/events.repository.ts';
import type { IdGenerator } from '../ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import { iso, isoOrNull } from '../time-format.ts';
import type { ScoresRepository } from './scores.repository.ts';
import type { HistoryReason, ScoringService } from './scoring.service.ts';

function scoreView(compiled: CompiledVersion, version: number, evaluation: Evaluation, at: number) {
  const tier = compiled.definition.tiers[evaluation.tierIndex]!;
  return {
    score: evaluation.score,
    raw: evaluation.raw,
    tier: { name: tier.name, action: tier.action ?? null },
    version,
    breakdown: evaluation.breakdown,
    manual: evaluation.manual,
    nextChangeAt: isoOrNull(evaluation.nextChangeAt),
    computedAt: iso(at),
  };
}

/** Who adjusted a score: a signed-in user, an API key, or a workflow (with the workflows that led to it). */
export type Actor =
  | { userId: string }
  | { apiKeyId: string }
  | { workflowId: string; workflowChain: string[]; workflowRoot: string };

function actorName(by: Actor): string {
  if ('userId' in by) return `user:${by.userId}`;
  if ('apiKeyId' in by) return `apiKey:${by.apiKeyId}`;
  return `workflow:${by.workflowId}`;
}

/** A history reason as the API shows it: the workflow chain and root (loop prevention) stay inside. */
function historyReasonView(reason: HistoryReason) {
  if (!('workflowChain' in reason)) return reason;
  const { workflowChain: _chain, workflowRoot: _root, ...shown } = reason;
  return shown;
}

export function scoresService(deps: {
  database: DatabaseHandle;
  contacts: ContactsRepository;
  events: EventsRepository;
  profiles: ProfilesRepository;
  scores: ScoresRepository;
  scoring: ScoringService;
  versions: VersionCache;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { database, contacts, events, profiles, scores, scoring, versions, clock, ids } = deps;

  async function livePrograms(accountId: string, contactId: string, profileId: string) {
    const contact = await contacts.find(accountId, contactId);
    if (!contact) throw notFound('contact');
    const profile = await profiles.find(accountId, profileId);
    if (!profile) throw notFound('profile');
    if (profile.live_version === null)
      throw new AppError('conflict', 'this profile is not published, so it does not score contacts');
    const version = Number(profile.live_version);
    return { contact, version, compiled: await versions.get(accountId, profileId, version) };
  }

  /**
   * A manual adjustment inside the caller's transaction (the API's, or a workflow action's): `set`
   * becomes delta = X − raw now. Throws not_found / conflict / validation errors before writing.
   */
  async function adjustIn(
    trx: Db,
    accountId: string,
    contactId: string,
    profileId: string,
    input: { delta?: number | undefined; set?: number | undefined; note?: string | undefined },
    by: Actor,
  ): Promise<void> {
    const contact = await contacts.find(accountId, contactId, trx);
    if (!contact) throw notFound('contact');
    const profile = await profiles.find(accountId, profileId, trx);
    if (!profile) throw notFound('profile');
    if (profile.live_version === null)
      throw new AppError('conflict', 'this profile is not published, so its score cannot be adjusted');
    const version = Number(profile.live_version);
    const compiled = await versions.get(accountId, profileId, version, trx);
    const now = clock.now();
    const state = await scoring.stateOf(
      trx,
      accountId,
      { profileId, version, live: true, compiled },
      contactId,
      now,
    );
    const { minScore, maxScore } = compiled.definition;
    if (
      input.set !== undefined &&
      ((minScore !== null && input.set < minScore) || (maxScore !== null && input.set > maxScore))
    )
      throw invalid(
        'set',
        `must be within the profile's bounds (${minScore ?? '−∞'} to ${maxScore ?? '∞'}), since the score can never read beyond them`,
      );
    const raw = evaluateState(compiled, state, contact, now).raw;
    const delta = input.set !== undefined ? input.set - raw : input.delta!;
    await scores.insertAdjustment(
      {
        account_id: accountId,
        profile_id: profileId,
        contact_id: contactId,
        id: ids('adj'),
        at: now,
        delta,
        note: input.note ?? null,
        actor: actorName(by),
      },
      trx,
    );
    const reason: HistoryReason = {
      kind: 'manual',
      ...by,
      ...(input.note !== undefined && { note: input.note }),
    };
    await scoring.applyAdjustment(trx, accountId, profileId, contact, delta, reason, now);
  }

  return {
    /** The score now (from the stored state) or at a past instant `at` (from the full history). */
    async get(accountId: string, contactId: string, profileId: string, at?: string) {
      const { contact, version, compiled } = await livePrograms(accountId, contactId, profileId);
      const now = clock.now();
      if (at !== undefined) {
        const instant = Date.parse(at);
        if (instant > now)
          throw invalid('at', 'must not be in the future: scores are evaluated at past instants or now');
        const history = await events.forContact(accountId, contactId);
        const adjustments = await scores.adjustments(accountId, profileId, contactId);
        return scoreView(
          compiled,
          version,
          evaluateHistory(compiled, { contact, events: history, adjustments }, instant),
          instant,
        );
      }
      const row = (await scores.load(accountId, profileId, version, [contactId])).get(contactId);
      if (!row)
        throw new AppError('conflict', 'this contact has no score yet on this profile; try again shortly');
      return scoreView(
        compiled,
        version,
        evaluateState(compiled, decodeState(compiled, row.state), contact, now),
        now,
      );
    },

    async history(
      accountId: string,
      contactId: string,
      profileId: string,
      limit: number,
      cursor: string | undefined,
    ) {
      if (!(await contacts.find(accountId, contactId))) throw notFound('contact');
      if (!(await profiles.find(accountId, profileId))) throw notFound('profile');
      const before = cursor ? (decodeCursor(cursor, ['number', 'number']) as [number, number]) : null;
      const rows = await scores.history(
        accountId,
        profileId,
        contactId,
        limit + 1,
        before && { at: before[0], seq: before[1] },
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => ({
          at: iso(Number(row.at)),
          from: row.from_score === null ? null : Number(row.from_score),
          to: Number(row.to_score),
          reason: historyReasonView(JSON.parse(row.reason) as HistoryReason),
        })),
        nextCursor: rows.length > limit && last ? encodeCursor([Number(last.at), Number(last.seq)]) : null,
      };
    },

    /** Records a manual adjustment (`set` becomes delta = X − raw now) and returns the new score. */
    async adjust(
      principal: Principal,
      contactId: string,
      profileId: string,
      input: z.infer<typeof AdjustmentSchema>,
    ) {
      const accountId = principal.accountId;
      // Who made it: a signed-in user, else the API key.
      const by: Actor =
        principal.userId !== null ? { userId: principal.userId } : { apiKeyId: principal.apiKeyId! };
      await inTransaction(database, (trx) => adjustIn(trx, accountId, contactId, profileId, input, by), {
        account: accountId,
      });
      return this.get(accountId, contactId, profileId);
    },

    adjustIn,
  };
}

export type ScoresService = ReturnType<typeof scoresService>;
