import type { Tally } from '../server/main.ts';
import type { Principal } from '../server/accounts/accounts.service.ts';

/** The account a command works on: the one named, or the only one there is. */
export async function resolveAccount(tally: Tally, named: string | undefined): Promise<string> {
  if (named) {
    if (!(await tally.repos.accounts.find(named))) throw new Error(`no account ${named}`);
    return named;
  }
  const accounts = await tally.repos.accounts.list(2);
  if (accounts.length === 0)
    throw new Error(
      'this database has no account yet: run `tally demo`, or start `tally serve` and create the first admin (POST /api/v1/setup)',
    );
  if (accounts.length > 1) throw new Error('several accounts exist: pass --account <id>');
  return accounts[0]!.id;
}

/** The CLI acts as the account's owner: full rights, no user (so `assignedTo=me` means nothing). */
export function systemPrincipal(accountId: string): Principal {
  return { accountId, apiKeyId: null, userId: null, role: 'admin' };
}
