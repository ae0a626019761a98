import type { z } from 'zod';
import type { SetupSchema } from '../../contracts/users.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { PasswordHasher } from './password.ts';
import type { SessionsService } from './sessions.service.ts';
import type { UsersRepository } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

const alreadySetUp = () => new AppError('conflict', 'this installation is already set up; sign in instead');

/**
 * The first admin of an empty installation (no account at all), created without credentials, with a new
 * account. An installation that has an account already (made with the admin token, or upgraded from 0.1)
 * is not empty: its API key or the admin token creates its users, so nobody can claim it anonymously.
 */
export function setupService(deps: {
  database: DatabaseHandle;
  accounts: AccountsRepository;
  users: UsersRepository;
  usersService: UsersService;
  sessionsService: SessionsService;
  passwords: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { database, accounts, users, usersService, sessionsService, passwords, clock, ids } = deps;

  return {
    async needed(): Promise<boolean> {
      return (await accounts.count()) === 0 && !(await users.any());
    },

    async run(input: z.infer<typeof SetupSchema>) {
      // Checked before hashing too, so this open route cannot be used to make the server hash for nothing.
      if (!(await this.needed())) throw alreadySetUp();
      const passwordHash = await passwords.hash(input.password);
      const user = await inTransaction(database, async (trx) => {
        if ((await accounts.count(trx)) > 0 || (await users.any(trx))) throw alreadySetUp();
        const accountId = ids('acc');
        await accounts.insert(
          {
            id: accountId,
            name: input.accountName ?? `${input.name}'s team`,
            primary_profile_id: null,
            created_at: clock.now(),
          },
          trx,
        );
        return usersService.insert(trx, accountId, { ...input, role: 'admin' }, passwordHash);
      });
      return sessionsService.open(user);
    },
  };
}

export type SetupService = ReturnType<typeof setupService>;
