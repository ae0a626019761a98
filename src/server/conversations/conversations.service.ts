import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import { conversationView } from '../contacts/contact-row.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';

export function conversationsService(deps: { database: DatabaseHandle; contacts: ContactsRepository }) {
  const { database, contacts } = deps;
  return {
    async markRead(accountId: string, contactId: string) {
      return inTransaction(
        database,
        async (trx) => {
          const contact = await contacts.find(accountId, contactId, trx);
          if (!contact) throw notFound('contact');
          if (!contact.conversation)
            throw new AppError(
              'not_found',
              `contact ${contactId} has no conversation yet (no message events)`,
            );
          await contacts.markRead(accountId, contactId, trx);
          return conversationView({ ...contact.conversation, unreadCount: 0 });
        },
        { account: accountId },
      );
    },
  };
}

export type ConversationsService = ReturnType<typeof conversationsService>;
