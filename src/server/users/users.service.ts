import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { z } from 'zod';
import type { UserCreateSchema } from '../../contracts/users.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';
import { type Db, inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import { iso } from '../time-format.ts';
import type { PasswordHasher } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { UsersRepository } from './users.repository.ts';

export type NewUser = z.infer<typeof UserCreateSchema>;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function userView(user: UsersTable) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    createdAt: iso(Number(user.created_at)),
  };
}

/** Contacts unassigned per step when a user is deleted (each step rescores its contacts). */
const UNASSIGN_CHUNK = 500;

export function usersService(deps: {
  database: DatabaseHandle;
  users: UsersRepository;
  sessions: SessionsRepository;
  contacts: ContactsRepository;
  scoring: ScoringService;
  passwords: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { database, users, sessions, contacts, scoring, passwords, clock, ids } = deps;

  /**
   * Inserts a user whose password is already hashed (hashing takes ~0.1 s, so it happens before the
   * write transaction, not inside it). Runs in the caller's transaction.
   */
  async function insert(
    trx: Db,
    accountId: string,
    input: Omit<NewUser, 'password'>,
    passwordHash: string,
  ): Promise<UsersTable> {
    const email = normalizeEmail(input.email);
    if (await users.findByEmail(email, trx))
      throw new AppError('conflict', 'email: a user with this email already exists', [
        { path: 'email', message: 'a user with this email already exists' },
      ]);
    const user: UsersTable = {
      id: ids('usr'),
      account_id: accountId,
      name: input.name,
      email,
      password_hash: passwordHash,
      role: input.role,
      created_at: clock.now(),
    };
    await users.insert(user, trx);
    return user;
  }

  /**
   * Clears a user's assignments. Each contact is saved and rescored as an attribute change, so
   * state rules on `assignedTo` and the score rows' list copy of the assignee follow.
   */
  async function unassignContacts(trx: Db, accountId: string, userId: string) {
    const ids = await users.assignedContactIds(accountId, userId, trx);
    const now = clock.now();
    for (let i = 0; i < ids.length; i += UNASSIGN_CHUNK) {
      const found = await contacts.findMany(accountId, ids.slice(i, i + UNASSIGN_CHUNK), trx);
      const changed = [...found.values()].map((c) => ({ ...c, assignedTo: null, updatedAt: now }));
      await contacts.save(accountId, changed, trx);
      await scoring.applyAttributes(trx, accountId, changed, now, new Set());
    }
  }

  return {
    insert,

    async create(principal: Principal, input: NewUser) {
      const passwordHash = await passwords.hash(input.password);
      const user = await inTransaction(database, (trx) =>
        insert(trx, principal.accountId, input, passwordHash),
      );
      return userView(user);
    },

    async list(accountId: string, limit: number, cursor: string | undefined) {
      const after = cursor ? (decodeCursor(cursor, ['string'])[0] as string) : null;
      const rows = await users.list(accountId, limit + 1, after);
      const page = rows.slice(0, limit);
      return {
        items: page.map(userView),
        nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
      };
    },

    /** Deletes a user with their sessions, and unassigns their contacts, in one transaction. */
    async remove(principal: Principal, id: string) {
      const { accountId } = principal;
      await inTransaction(
        database,
        async (trx) => {
          const user = await users.find(accountId, id, trx);
          if (!user) throw notFound('user');
          if (user.role === 'admin' && (await users.countAdmins(accountId, trx)) <= 1)
            throw new AppError(
              'conflict',
              'this is the last admin of the account; create another admin first',
            );
          await sessions.deleteForUser(id, trx);
          await unassignContacts(trx, accountId, id);
          await users.delete(accountId, id, trx);
        },
        { account: accountId },
      );
    },
  };
}

export type UsersService = ReturnType<typeof usersService>;
