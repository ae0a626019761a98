import {
  type CompiledVersion,
  type Evaluation,
  type ScoreState,
  buildState,
  evaluateState,
} from '../../scoring/index.ts';
import type { Contact } from '../contacts/contact-row.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { Db } from '../db/transaction.ts';
import type { EventsRepository } from '../events/events.repository.ts';
import type { ScoresRepository } from './scores.repository.ts';

export interface Recomputed {
  contact: Contact;
  state: ScoreState;
  evaluation: Evaluation;
}

/**
 * Scores the next page of contacts (ids after `after`, in id order) from their full history under a
 * version: the shared step of a publish and of its preview. Returns an empty list past the last contact.
 */
export async function recomputePage(
  deps: { contacts: ContactsRepository; events: EventsRepository; scores: ScoresRepository },
  query: {
    accountId: string;
    profileId: string;
    version: CompiledVersion;
    after: string | null;
    limit: number;
    now: number;
  },
  trx?: Db,
): Promise<Recomputed[]> {
  const { accountId, profileId, version, after, limit, now } = query;
  const page = await deps.contacts.page(accountId, after, limit, trx);
  if (page.length === 0) return [];
  const upTo = page[page.length - 1]!.id;
  // Properties are parsed only when a rule has conditions on them.
  const withProperties = version.definition.rules.some(
    (r) => r.kind === 'event' && (r.where?.length ?? 0) > 0,
  );
  const history = await deps.events.scanContactRange(accountId, after, upTo, withProperties, trx);
  const totals = await deps.scores.adjustmentTotals(accountId, profileId, after, upTo, trx);
  return page.map((contact) => {
    const state = buildState(version, history.get(contact.id) ?? [], totals.get(contact.id) ?? 0, now);
    return { contact, state, evaluation: evaluateState(version, state, contact, now) };
  });
}
