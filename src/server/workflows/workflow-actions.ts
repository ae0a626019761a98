import type { Action } from '../../contracts/workflows.ts';
import type { Clock } from '../clock.ts';
import type { Contact } from '../contacts/contact-row.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { WorkflowRunsTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';
import { notFound } from '../errors.ts';
import type { ScoresService } from '../scores/scores.service.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import type { UsersRepository } from '../users/users.repository.ts';

/**
 * Carries out a run's action inside the caller's transaction (which also marks the run done, so the
 * action happens exactly once). Every change it makes names the run's workflow chain, so no workflow
 * in it fires again for that change. Throws AppError when the action cannot apply (contact erased …).
 */
export function workflowActions(deps: {
  contacts: ContactsRepository;
  users: UsersRepository;
  scoring: ScoringService;
  scores: Pick<ScoresService, 'adjustIn'>;
  clock: Clock;
}) {
  const { contacts, users, scoring, clock } = deps;

  async function changeContact(
    trx: Db,
    run: WorkflowRunsTable,
    change: (contact: Contact) => Contact | null,
  ): Promise<void> {
    const accountId = run.account_id;
    const contact = await contacts.find(accountId, run.contact_id, trx);
    if (!contact) throw notFound('contact');
    const now = clock.now();
    const next = change(contact);
    if (!next) return; // already so: nothing to write
    const updated = { ...next, updatedAt: now };
    await contacts.save(accountId, [updated], trx);
    await scoring.applyAttributes(trx, accountId, [updated], now, new Set(), origin(run));
  }

  return async function execute(trx: Db, run: WorkflowRunsTable): Promise<void> {
    const action = JSON.parse(run.action) as Action;
    switch (action.type) {
      // Tags compare case-insensitively, as tag conditions and filters do.
      case 'tag.add':
        return changeContact(trx, run, (c) =>
          c.tags.some((t) => sameTag(t, action.tag)) ? null : { ...c, tags: [...c.tags, action.tag] },
        );
      case 'tag.remove':
        return changeContact(trx, run, (c) =>
          c.tags.some((t) => sameTag(t, action.tag))
            ? { ...c, tags: c.tags.filter((t) => !sameTag(t, action.tag)) }
            : null,
        );
      case 'assign': {
        if (!(await users.find(run.account_id, action.userId, trx))) throw notFound('user');
        return changeContact(trx, run, (c) =>
          c.assignedTo === action.userId ? null : { ...c, assignedTo: action.userId },
        );
      }
      case 'score.adjust':
        return deps.scores.adjustIn(
          trx,
          run.account_id,
          run.contact_id,
          action.profileId,
          { delta: action.delta, set: action.set, note: action.note ?? `workflow ${run.workflow_id}` },
          origin(run),
        );
      case 'webhook':
        throw new Error('webhook runs are delivered, not executed');
    }
  };
}

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function origin(run: WorkflowRunsTable) {
  const chain = JSON.parse(run.chain) as string[];
  return { workflowId: run.workflow_id, workflowChain: chain, workflowRoot: run.decision_key };
}

export type WorkflowActions = ReturnType<typeof workflowActions>;
