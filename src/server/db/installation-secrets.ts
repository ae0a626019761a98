import { randomBytes } from 'node:crypto';
import type { Db } from './transaction.ts';

/**
 * A secret of this installation, kept in the database so every process (and every restart) shares it;
 * made on first use. Concurrent first uses agree: the insert is ignored when another got there first.
 */
export async function installationSecret(db: Db, name: string): Promise<string> {
  await db
    .insertInto('installation_secrets')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('installation_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}
