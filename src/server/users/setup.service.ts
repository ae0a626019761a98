import type { z } from 'zod';
import type { SetupSchema } from '../../contracts/users.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, invalid } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { hashPassword } from './password.ts';
import type { SessionsService } from './sessions.service.ts';
import type { UsersRepository } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

const alreadySetUp = () => new AppError('conflict', 'this installation is already set up; sign in instead');

/**
 * The first admin of an installation, created without credentials while there is no user at all.
 * It joins the only account when exactly one exists (e.g. made with the admin token), else a new one.
 */
export function setupService(deps: {
  database: DatabaseHandle;
  accounts: AccountsRepository;
  users: UsersRepository;
  usersService: UsersService;
  sessionsService: SessionsService;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { database, accounts, users, usersService, sessionsService, clock, ids } = deps;

  return {
    async needed(): Promise<boolean> {
      return !(await users.any());
    },

    async run(input: z.infer<typeof SetupSchema>) {
      // Checked before hashing too, so this open route cannot be used to make the server hash for nothing.
      if (await users.any()) throw alreadySetUp();
      const passwordHash = await hashPassword(input.password);
      const user = await inTransaction(database, async (trx) => {
        if (await users.any(trx)) throw alreadySetUp();
        const existing = await accounts.list(2, trx);
        let accountId = existing.length === 1 ? existing[0]!.id : null;
        if (accountId === null) {
          if (!input.accountName) throw invalid('accountName', 'is required: name the new account');
          accountId = ids('acc');
          await accounts.insert(
            { id: accountId, name: input.accountName, primary_profile_id: null, created_at: clock.now() },
            trx,
          );
        }
        return usersService.insert(trx, accountId, { ...input, role: 'admin' }, passwordHash);
      });
      return sessionsService.open(user);
    },
  };
}

export type SetupService = ReturnType<typeof setupService>;
