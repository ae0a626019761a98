import type { z } from 'zod';
import type { ContactListQuery, ContactUpsertSchema } from '../../contracts/contacts.ts';
import {
  decodeState,
  evaluateState,
  tierIndexFor as tierIndexOf,
  tierScoreRange,
} from '../../scoring/index.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import { iso } from '../time-format.ts';
import type { ContactListRepository, ScoreRange } from './contact-list.repository.ts';
import { type Contact, contactView, newContact } from './contact-row.ts';
import type { ContactsRepository } from './contacts.repository.ts';

export const RESERVED_CONTACT_IDS = new Set(['export.csv']);

export function contactsService(deps: {
  database: DatabaseHandle;
  contacts: ContactsRepository;
  contactList: ContactListRepository;
  accounts: AccountsRepository;
  profiles: ProfilesRepository;
  scores: ScoresRepository;
  scoring: ScoringService;
  versions: VersionCache;
  clock: Clock;
}) {
  const { database, contacts, contactList, accounts, profiles, scores, scoring, versions, clock } = deps;

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

  /** Which profile a list shows: the one named, else the account's primary profile. */
  async function listProfile(accountId: string, profileId: string | undefined) {
    const id = profileId ?? (await accounts.find(accountId))?.primary_profile_id ?? null;
    if (id === null) return null;
    const profile = await profiles.find(accountId, id);
    if (!profile) throw invalid('profileId', 'no such profile in this account');
    return profile;
  }

  return {
    async upsert(accountId: string, id: string, input: z.infer<typeof ContactUpsertSchema>) {
      if (RESERVED_CONTACT_IDS.has(id)) throw invalid('id', `"${id}" is reserved`);
      const now = clock.now();
      if (input.createdAt !== undefined && Date.parse(input.createdAt) > now + 5 * 60_000)
        throw invalid('createdAt', 'is more than 5 minutes in the future');
      return inTransaction(database, async (trx) => {
        const existing = await contacts.find(accountId, id, trx);
        const base = existing ?? newContact(id, now);
        const contact: Contact = {
          ...base,
          ...(input.name !== undefined && { name: input.name }),
          ...(input.email !== undefined && { email: input.email }),
          ...(input.phone !== undefined && { phone: input.phone }),
          ...(input.tags !== undefined && { tags: [...new Set(input.tags)] }),
          ...(input.assignedTo !== undefined && { assignedTo: input.assignedTo }),
          ...(input.dnd !== undefined && { dnd: input.dnd as Record<string, boolean> }),
          ...(input.fields !== undefined && { fields: input.fields }),
          ...(input.createdAt !== undefined && { createdAt: Math.min(Date.parse(input.createdAt), now) }),
          updatedAt: now,
        };
        await contacts.save(accountId, [contact], trx);
        await scoring.applyAttributes(trx, accountId, [contact], now, existing ? new Set() : new Set([id]));
        return { created: !existing, contact };
      }).then(async ({ created, contact }) => ({
        created,
        contact: { ...contactView(contact), scores: await scoresOf(accountId, contact) },
      }));
    },

    async get(accountId: string, id: string) {
      const contact = await contacts.find(accountId, id);
      if (!contact) throw notFound('contact');
      return { ...contactView(contact), scores: await scoresOf(accountId, contact) };
    },

    async erase(accountId: string, id: string) {
      const erased = await inTransaction(database, (trx) => contacts.erase(accountId, id, trx));
      if (!erased) throw notFound('contact');
    },

    async list(accountId: string, query: z.infer<typeof ContactListQuery>) {
      const profile = await listProfile(accountId, query.profileId);
      const version =
        profile?.live_version === null || profile === null ? null : Number(profile.live_version);
      const scoreAsked =
        query.sort.startsWith('score') ||
        query.scoreMin !== undefined ||
        query.scoreMax !== undefined ||
        query.tier !== undefined;
      if (scoreAsked && (profile === null || version === null)) {
        throw new AppError(
          'conflict',
          profile === null
            ? 'no profile to score by: pass profileId or set the account primary profile'
            : `profile ${profile.id} is not published, so it has no scores to filter or sort by`,
        );
      }
      const compiled =
        profile && version !== null ? await versions.get(accountId, profile.id, version) : null;
      let scoreRanges: ScoreRange[] | undefined;
      if (query.tier && compiled) {
        const tiers = compiled.definition.tiers;
        scoreRanges = query.tier.map((name) => {
          const index = tiers.findIndex((t) => t.name.toLowerCase() === name.toLowerCase());
          if (index < 0)
            throw invalid(
              'tier',
              `"${name}" is not a tier of this profile (${tiers.map((t) => t.name).join(', ')})`,
            );
          return tierScoreRange(index, tiers);
        });
      }
      let assignedTo: string | null | undefined = query.assignedTo;
      if (assignedTo === 'me')
        throw invalid('assignedTo', '"me" needs a signed-in user; an API key has none');
      if (assignedTo === 'unassigned') assignedTo = null;
      const after = query.cursor
        ? (decodeCursor(query.cursor, [query.sort === 'name:asc' ? 'string' : 'number', 'string']) as [
            number | string,
            string,
          ])
        : null;
      const rows = await contactList.list({
        accountId,
        scores: profile && version !== null ? { profileId: profile.id, version } : null,
        scoreMin: query.scoreMin,
        scoreMax: query.scoreMax,
        scoreRanges,
        tags: query.tag ?? [],
        assignedTo,
        q: query.q,
        sort: query.sort,
        limit: query.limit + 1,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) => ({
          contact: contactView(row.contact),
          conversation: null,
          score:
            row.score === null || !compiled || version === null
              ? null
              : {
                  score: row.score,
                  tier: compiled.definition.tiers[tierIndexOf(row.score, compiled.definition.tiers)]!.name,
                  version,
                },
        })),
        nextCursor:
          rows.length > query.limit && last ? encodeCursor([last.sortValue, last.contact.id]) : null,
      };
    },
  };
}

export type ContactsService = ReturnType<typeof contactsService>;
