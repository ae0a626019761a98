import { createHash, randomBytes } from 'node:crypto';

/** The id port: prefixed, URL-safe random ids (e.g. `prf_3k2…`). */
export type IdGenerator = (prefix: string) => string;

export const randomId: IdGenerator = (prefix) => `${prefix}_${randomBytes(12).toString('base64url')}`;

/** API keys and other bearer secrets: 32 random bytes; stored only as their SHA-256. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
