import type { z } from 'zod';
import type { ContactUpsertSchema } from '../../contracts/contacts.ts';
import { decodeState, evaluateState } from '../../scoring/index.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { type AppError, invalid, notFound } from '../errors.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import { iso } from '../time-format.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { ListMove, ListMovesRepository } from '../lists/list-moves.repository.ts';
import { type Contact, contactView, conversationView, newContact, sortNameOf } from './contact-row.ts';
import type { ContactsRepository } from './contacts.repository.ts';

export const RESERVED_CONTACT_IDS = new Set(['export.csv']);

/** The sort keys an update moves, with their old values (so list cursors keep their place). */
function sortKeyMoves(before: Contact, after: Contact): ListMove[] {
  const moves: ListMove[] = [];
  if (before.createdAt !== after.createdAt)
    moves.push({ contactId: before.id, sortKey: 'createdAt', oldValue: before.createdAt });
  if (sortNameOf(before) !== sortNameOf(after))
    moves.push({ contactId: before.id, sortKey: 'name', oldValue: sortNameOf(before) || null });
  return moves;
}

type ContactUpsert = z.infer<typeof ContactUpsertSchema>;

/** How one item of `upsertMany` went. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged' | { error: AppError };

/** What an upsert refuses before reading anything (the checks `upsert` makes first). */
function upsertProblem(id: string, input: ContactUpsert, now: number): AppError | null {
  if (RESERVED_CONTACT_IDS.has(id)) return invalid('id', `"${id}" is reserved`);
  if (input.createdAt !== undefined && Date.parse(input.createdAt) > now + 5 * 60_000)
    return invalid('createdAt', 'is more than 5 minutes in the future');
  return null;
}

/** An empty or blank name or phone is no name or phone (stored as null, as an empty CSV cell is). */
const blankToNull = (value: string | null) => (value === null || value.trim() === '' ? null : value);

/** A contact after an upsert: given fields replace stored ones. */
function mergeUpsert(base: Contact, input: ContactUpsert, now: number): Contact {
  return {
    ...base,
    ...(input.name !== undefined && { name: blankToNull(input.name) }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone !== undefined && { phone: blankToNull(input.phone) }),
    ...(input.tags !== undefined && { tags: [...new Set(input.tags)] }),
    ...(input.assignedTo !== undefined && { assignedTo: input.assignedTo }),
    ...(input.dnd !== undefined && { dnd: input.dnd as Record<string, boolean> }),
    ...(input.fields !== undefined && { fields: input.fields }),
    ...(input.createdAt !== undefined && { createdAt: Math.min(Date.parse(input.createdAt), now) }),
    updatedAt: now,
  };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether an upsert left everything it can set as it was. */
function sameAttributes(a: Contact, b: Contact): boolean {
  return (
    a.name === b.name &&
    a.email === b.email &&
    a.phone === b.phone &&
    a.assignedTo === b.assignedTo &&
    a.createdAt === b.createdAt &&
    sameJson(a.tags, b.tags) &&
    sameJson(a.dnd, b.dnd) &&
    sameJson(a.fields, b.fields)
  );
}

export function contactsService(deps: {
  database: DatabaseHandle;
  contacts: ContactsRepository;
  accounts: AccountsRepository;
  profiles: ProfilesRepository;
  scores: ScoresRepository;
  scoring: ScoringService;
  versions: VersionCache;
  listMoves: ListMovesRepository;
  users: UsersRepository;
  clock: Clock;
}) {
  const { database, contacts, listMoves, profiles, scores, scoring, versions, users, clock } = deps;

  /** Scores of one contact on every published profile, evaluated now. */
  async function scoresOf(accountId: string, contact: Contact) {
    const now = clock.now();
    const result: Record<string, { score: number; tier: string; version: number; updatedAt: string }> = {};
    for (const profile of await profiles.scoring(accountId)) {
      if (profile.live_version === null) continue;
      const version = Number(profile.live_version);
      const row = (await scores.load(accountId, profile.id, version, [contact.id])).get(contact.id);
      if (!row) continue;
      const compiled = await versions.get(accountId, profile.id, version);
      const evaluation = evaluateState(compiled, decodeState(compiled, row.state), contact, now);
      result[profile.id] = {
        score: evaluation.score,
        tier: compiled.definition.tiers[evaluation.tierIndex]!.name,
        version,
        updatedAt: iso(row.updated_at),
      };
    }
    return result;
  }

  return {
    async upsert(accountId: string, id: string, input: ContactUpsert) {
      const now = clock.now();
      const problem = upsertProblem(id, input, now);
      if (problem) throw problem;
      return inTransaction(
        database,
        async (trx) => {
          if (input.assignedTo && !(await users.find(accountId, input.assignedTo, trx)))
            throw invalid('assignedTo', 'no such user in this account');
          const existing = await contacts.find(accountId, id, trx);
          const contact = mergeUpsert(existing ?? newContact(id, now), input, now);
          if (existing) await listMoves.record(accountId, sortKeyMoves(existing, contact), now, trx);
          await contacts.save(accountId, [contact], trx);
          await scoring.applyAttributes(trx, accountId, [contact], now, existing ? new Set() : new Set([id]));
          return { created: !existing, contact };
        },
        { account: accountId },
      ).then(async ({ created, contact }) => ({
        created,
        contact: {
          ...contactView(contact),
          scores: await scoresOf(accountId, contact),
          conversation: conversationView(contact.conversation),
        },
      }));
    },

    async get(accountId: string, id: string) {
      const contact = await contacts.find(accountId, id);
      if (!contact) throw notFound('contact');
      return {
        ...contactView(contact),
        scores: await scoresOf(accountId, contact),
        conversation: conversationView(contact.conversation),
      };
    },

    async erase(accountId: string, id: string) {
      const erased = await inTransaction(database, (trx) => contacts.erase(accountId, id, trx), {
        account: accountId,
      });
      if (!erased) throw notFound('contact');
    },

    /**
     * Many upserts in one transaction (imports), by the rules of `upsert`: each item is checked on its
     * own and a rejected one leaves the others alone; items may repeat an id and apply in order. An item
     * that changes nothing is not written (the contact keeps its updatedAt). State rules are rescored
     * once for the batch, as `upsert` does for one contact.
     */
    async upsertMany(
      accountId: string,
      items: readonly { id: string; input: ContactUpsert }[],
    ): Promise<UpsertOutcome[]> {
      const now = clock.now();
      return inTransaction(
        database,
        async (trx) => {
          const stored = await contacts.findMany(accountId, [...new Set(items.map((item) => item.id))], trx);
          const current = new Map(stored);
          const knownUsers = new Map<string, boolean>();
          const userExists = async (userId: string) => {
            let known = knownUsers.get(userId);
            if (known === undefined) {
              known = (await users.find(accountId, userId, trx)) !== undefined;
              knownUsers.set(userId, known);
            }
            return known;
          };
          const outcomes: UpsertOutcome[] = [];
          for (const { id, input } of items) {
            const problem =
              upsertProblem(id, input, now) ??
              (input.assignedTo && !(await userExists(input.assignedTo))
                ? invalid('assignedTo', 'no such user in this account')
                : null);
            if (problem) {
              outcomes.push({ error: problem });
              continue;
            }
            const before = current.get(id);
            const after = mergeUpsert(before ?? newContact(id, now), input, now);
            if (before && sameAttributes(before, after)) {
              outcomes.push('unchanged');
              continue;
            }
            current.set(id, after);
            outcomes.push(before ? 'updated' : 'created');
          }
          const changed = [...current.values()].filter((contact) => contact !== stored.get(contact.id));
          if (changed.length === 0) return outcomes;
          const moves = changed.flatMap((contact) => {
            const old = stored.get(contact.id);
            return old ? sortKeyMoves(old, contact) : [];
          });
          await listMoves.record(accountId, moves, now, trx);
          await contacts.save(accountId, changed, trx);
          const created = new Set(changed.filter((contact) => !stored.has(contact.id)).map((c) => c.id));
          await scoring.applyAttributes(trx, accountId, changed, now, created);
          return outcomes;
        },
        { account: accountId },
      );
    },
  };
}

export type ContactsService = ReturnType<typeof contactsService>;
