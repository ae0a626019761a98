import { type ScryptOptions, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are hashed with scrypt (memory-hard: 128·N·r bytes, 128 MiB per hash at the default
 * N = 2^17, r = 8, p = 1 — OWASP's minimum) and stored as `scrypt$N$r$p$salt$hash` (base64url), so the
 * cost can be raised later without breaking old hashes: each hash says what it was made with.
 */
const KEY_LENGTH = 32;
/** Highest cost a stored hash may ask for: a corrupt row must not make verification exhaust memory. */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Whether `password` matches an encoded hash; false (never an error) for anything malformed. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash, ...rest] = encoded.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (kind !== 'scrypt' || rest.length > 0 || !salt || !hash) return false;
  if (!Number.isInteger(Math.log2(cost.N)) || cost.N < 2 || cost.N > MAX_N) return false;
  if (!(Number.isInteger(cost.r) && cost.r >= 1 && cost.r <= 32)) return false;
  if (!(Number.isInteger(cost.p) && cost.p >= 1 && cost.p <= 16)) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return timingSafeEqual(actual, expected);
}

/** Hashing at a cost of N = 2^logN (TALLY_SCRYPT_LOG_N), and the decoy hash unknown emails are checked against. */
export function passwordHasher(logN: number) {
  const cost = { N: 2 ** logN, r: 8, p: 1 };
  const encode = (salt: Buffer, hash: Buffer) =>
    ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
  return {
    async hash(password: string): Promise<string> {
      const salt = randomBytes(16);
      return encode(salt, await derive(password, salt, cost));
    },
    /**
     * A well-formed hash of no password at the same cost: sign-in verifies against it when the email is
     * unknown, so the answer takes as long as for a known email with a wrong password.
     */
    unknownUserHash: encode(randomBytes(16), randomBytes(KEY_LENGTH)),
  };
}

export type PasswordHasher = ReturnType<typeof passwordHasher>;
