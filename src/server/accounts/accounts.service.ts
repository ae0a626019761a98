import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Clock } from '../clock.ts';
import { AppError, notFound } from '../errors.ts';
import { type IdGenerator, newSecret, sha256 } from '../ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import { iso } from '../time-format.ts';
import type { AccountsRepository } from './accounts.repository.ts';

/** Who makes a request: an API key (acts as an admin, no user) or a signed-in user. */
export interface Principal {
  accountId: string;
  apiKeyId: string | null;
  userId: string | null;
  role: 'admin' | 'member';
}

/** Account administration (users, API keys) is for API keys and admins, not members. */
export function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new AppError('forbidden', 'only an account admin may do this');
}

export function accountsService(deps: {
  accounts: AccountsRepository;
  profiles: ProfilesRepository;
  clock: Clock;
  ids: IdGenerator;
}) {
  const { accounts, profiles, clock, ids } = deps;

  async function createKey(accountId: string, name: string) {
    const key = newSecret('tally');
    const row = {
      id: ids('key'),
      account_id: accountId,
      name,
      key_hash: sha256(key),
      key_prefix: key.slice(0, 12),
      created_at: clock.now(),
      revoked_at: null,
    };
    await accounts.insertKey(row);
    return { id: row.id, name, prefix: row.key_prefix, createdAt: iso(row.created_at), key };
  }

  return {
    async createAccount(name: string) {
      const id = ids('acc');
      await accounts.insert({ id, name, primary_profile_id: null, created_at: clock.now() });
      const key = await createKey(id, 'Default key');
      return { id, name, apiKey: key.key };
    },

    async authenticate(bearer: string): Promise<Principal | null> {
      const key = await accounts.findActiveKeyByHash(sha256(bearer));
      return key ? { accountId: key.account_id, apiKeyId: key.id, userId: null, role: 'admin' } : null;
    },

    async get(accountId: string) {
      const account = await accounts.find(accountId);
      if (!account) throw notFound('account');
      return { id: account.id, name: account.name, primaryProfileId: account.primary_profile_id };
    },

    async update(
      accountId: string,
      patch: { name?: string | undefined; primaryProfileId?: string | null | undefined },
    ) {
      if (patch.primaryProfileId) {
        const profile = await profiles.find(accountId, patch.primaryProfileId);
        if (!profile)
          throw new AppError('validation_failed', 'primaryProfileId: no such profile', [
            { path: 'primaryProfileId', message: 'no such profile in this account' },
          ]);
      }
      await accounts.update(accountId, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.primaryProfileId !== undefined && { primary_profile_id: patch.primaryProfileId }),
      });
      return this.get(accountId);
    },

    createKey,

    async listKeys(accountId: string, limit: number, cursor: string | undefined) {
      const after = cursor ? (decodeCursor(cursor, ['string'])[0] as string) : null;
      const rows = await accounts.listKeys(accountId, limit + 1, after);
      const page = rows.slice(0, limit);
      return {
        items: page.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.key_prefix,
          createdAt: iso(k.created_at),
        })),
        nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
      };
    },

    async revokeKey(accountId: string, id: string) {
      if (!(await accounts.revokeKey(accountId, id, clock.now()))) throw notFound('api key');
    },
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
