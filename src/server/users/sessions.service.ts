import type { z } from 'zod';
import type { SessionCreateSchema, SessionSchema } from '../../contracts/users.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import type { UsersTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { type IdGenerator, newSecret, sha256 } from '../ids.ts';
import { iso } from '../time-format.ts';
import { type PasswordHasher, verifyPassword } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { SignInAttemptsRepository } from './sign-in-attempts.repository.ts';
import { signInLimiter } from './sign-in-limiter.ts';
import type { UsersRepository } from './users.repository.ts';
import { normalizeEmail, userView } from './users.service.ts';

const MINUTE = 60_000;
/** Failed sign-ins allowed per email in 15 minutes. */
const EMAIL_FAILURES = 10;
/** Per client address: higher, since an office or a reverse proxy puts many people behind one. */
const ADDRESS_FAILURES = 50;

/** A new session: the cookie's token (stored only as its SHA-256) and the API view. */
export interface OpenedSession {
  token: string;
  maxAgeSeconds: number;
  session: z.infer<typeof SessionSchema>;
}

const signInFailed = () => new AppError('unauthorized', 'the email or password is wrong');

export function sessionsService(deps: {
  sessions: SessionsRepository;
  users: UsersRepository;
  accounts: AccountsRepository;
  signInAttempts: SignInAttemptsRepository;
  passwords: PasswordHasher;
  clock: Clock;
  ids: IdGenerator;
  ttlHours: number;
}) {
  const { sessions, users, accounts, passwords, clock } = deps;
  const ttlMs = deps.ttlHours * 60 * MINUTE;
  const now = () => clock.now();
  const limit = (max: number) =>
    signInLimiter({ attempts: deps.signInAttempts, max, windowMs: 15 * MINUTE, now, ids: deps.ids });
  const byEmail = limit(EMAIL_FAILURES);
  const byAddress = limit(ADDRESS_FAILURES);

  async function describe(user: UsersTable, expiresAt: number): Promise<z.infer<typeof SessionSchema>> {
    const account = await accounts.find(user.account_id);
    if (!account) throw new AppError('unauthorized', 'this account no longer exists');
    return {
      user: userView(user),
      account: { id: account.id, name: account.name },
      expiresAt: iso(expiresAt),
    };
  }

  /** Starts a session for a user whose credentials were checked. */
  async function open(user: UsersTable): Promise<OpenedSession> {
    const token = newSecret('tss');
    const at = now();
    await sessions.deleteExpiredForUser(user.id, at);
    await sessions.insert({
      token_hash: sha256(token),
      user_id: user.id,
      account_id: user.account_id,
      created_at: at,
      expires_at: at + ttlMs,
    });
    return { token, maxAgeSeconds: ttlMs / 1000, session: await describe(user, at + ttlMs) };
  }

  /** The session of a cookie token, or a 401 saying why there is none. */
  async function find(token: string) {
    const hash = sha256(token);
    const found = await sessions.findWithUser(hash);
    if (!found) throw new AppError('unauthorized', 'not signed in (the session ended); sign in again');
    if (found.expires_at <= now()) {
      await sessions.delete(hash);
      throw new AppError('unauthorized', 'session expired, sign in again');
    }
    return found;
  }

  return {
    describe,
    open,

    /**
     * Checks an email and password. Unknown emails and wrong passwords answer alike, after the same
     * hashing work; repeated failures per email or per client address are refused for a while.
     */
    async signIn(input: z.infer<typeof SessionCreateSchema>, clientAddress: string): Promise<OpenedSession> {
      const email = normalizeEmail(input.email);
      const keys = [`email:${email}`, `address:${clientAddress}`] as const;
      const refuse = (waitSeconds: number) =>
        new AppError('rate_limited', `too many failed sign-ins; retry after ${waitSeconds} s`, undefined, {
          retryAfterSeconds: waitSeconds,
        });
      const forEmail = await byEmail.attempt(keys[0]);
      if ('waitSeconds' in forEmail) throw refuse(forEmail.waitSeconds);
      const forAddress = await byAddress.attempt(keys[1]);
      if ('waitSeconds' in forAddress) {
        await byEmail.forgive(forEmail.id);
        throw refuse(forAddress.waitSeconds);
      }
      const user = await users.findByEmail(email);
      const valid = await verifyPassword(input.password, user?.password_hash ?? passwords.unknownUserHash);
      if (!user || !valid) throw signInFailed();
      await byEmail.reset(keys[0]);
      await byAddress.forgive(forAddress.id);
      return open(user);
    },

    async authenticate(token: string): Promise<Principal> {
      const found = await find(token);
      return { accountId: found.account_id, apiKeyId: null, userId: found.id, role: found.role };
    },

    async current(token: string) {
      const found = await find(token);
      return describe(found, found.expires_at);
    },

    async signOut(token: string): Promise<void> {
      await sessions.delete(sha256(token));
    },
  };
}

export type SessionsService = ReturnType<typeof sessionsService>;
