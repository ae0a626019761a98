import { sha256 } from '../ids.ts';
import type { SignInAttemptsRepository } from './sign-in-attempts.repository.ts';

/**
 * Failed sign-ins per key (an email, a client address) in a sliding window, kept in the database so that
 * every server process counts the same attempts. An attempt is counted when it starts (written before the
 * password is checked, then counted with the others), so parallel guesses, to any process, cannot all slip
 * in before the first one fails; a refused attempt is not counted.
 */
export function signInLimiter(options: {
  attempts: SignInAttemptsRepository;
  max: number;
  windowMs: number;
  now: () => number;
  ids: (prefix: string) => string;
}) {
  const { attempts } = options;
  return {
    /**
     * Counts an attempt under `key`: its id when it is within the limit, else the seconds until `key`
     * may try again (a refused attempt is not counted).
     */
    async attempt(key: string): Promise<{ id: string } | { waitSeconds: number }> {
      const now = options.now();
      const id = options.ids('sia');
      const keyHash = sha256(key);
      // Forgets attempts no window can need now and then (cheap: an index range at its low end).
      if (Math.random() < 0.05) await attempts.deleteBefore(now - options.windowMs);
      const since = now - options.windowMs;
      if (await attempts.insertWithin(id, keyHash, now, since, options.max)) return { id };
      // The oldest of the `max` newest attempts that still count: when it leaves the window, one may try.
      const times = await attempts.recent(keyHash, since, options.max);
      const oldest = times[times.length - 1] ?? now;
      return { waitSeconds: Math.max(1, Math.ceil((oldest + options.windowMs - now) / 1000)) };
    },
    /** Takes back one counted attempt (it succeeded, or another limit refused it). */
    async forgive(id: string): Promise<void> {
      await attempts.delete(id);
    },
    async reset(key: string): Promise<void> {
      await attempts.deleteKey(sha256(key));
    },
  };
}

export type SignInLimiter = ReturnType<typeof signInLimiter>;
