import { type CompiledVersion, type Definition, compileDefinition } from '../../scoring/index.ts';
import type { Db } from '../db/transaction.ts';
import type { ProfilesRepository } from './profiles.repository.ts';

/** Published versions are immutable, so their compiled form is cached by (account, profile, version). */
export function versionCache(profiles: ProfilesRepository, capacity = 2000) {
  const cache = new Map<string, CompiledVersion>();
  return {
    async get(accountId: string, profileId: string, version: number, trx?: Db): Promise<CompiledVersion> {
      const key = `${accountId}\u0000${profileId}\u0000${version}`;
      let compiled = cache.get(key);
      if (!compiled) {
        const row = await profiles.findVersion(accountId, profileId, version, trx);
        if (!row) throw new Error(`profile version ${profileId} v${version} is missing`);
        compiled = compileDefinition(JSON.parse(row.definition) as Definition);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
        cache.set(key, compiled);
      }
      return compiled;
    },
  };
}

export type VersionCache = ReturnType<typeof versionCache>;
