import {
  type Definition,
  compileDefinition,
  decodeState,
  evaluateState,
  tierIndexFor,
} from '../../scoring/index.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import { AppError, notFound } from '../errors.ts';
import type { EventsRepository } from '../events/events.repository.ts';
import { bucketIndex, niceBuckets } from '../scores/histogram.ts';
import { recomputePage } from '../scores/recompute.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import type { ProfilesRepository } from './profiles.repository.ts';
import type { VersionCache } from './version-cache.ts';

const PAGE = 2000;

/** Smallest and largest of many numbers (spreading a million values into Math.min would throw). */
function range(values: Iterable<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Read-only views of a profile's scores: the preview of a draft and the current distribution. */
export function insightsService(deps: {
  profiles: ProfilesRepository;
  contacts: ContactsRepository;
  events: EventsRepository;
  scores: ScoresRepository;
  versions: VersionCache;
  clock: Clock;
}) {
  const { profiles, scores, versions, clock } = deps;

  async function load(accountId: string, id: string) {
    const profile = await profiles.find(accountId, id);
    if (!profile) throw notFound('profile');
    return profile;
  }

  return {
    /** What publishing the draft would do, computed without writing anything. */
    async preview(accountId: string, id: string) {
      const profile = await load(accountId, id);
      const draftDefinition = JSON.parse(profile.draft) as Definition;
      const draft = compileDefinition(draftDefinition);
      const liveVersion = profile.live_version === null ? null : Number(profile.live_version);
      const live = liveVersion === null ? null : await versions.get(accountId, id, liveVersion);
      const now = clock.now();
      const current: (number | null)[] = [];
      const proposed: number[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await recomputePage(deps, {
          accountId,
          profileId: id,
          version: draft,
          after,
          limit: PAGE,
          now,
        });
        if (page.length === 0) break;
        const stored =
          liveVersion === null
            ? new Map()
            : await scores.load(
                accountId,
                id,
                liveVersion,
                page.map((p) => p.contact.id),
              );
        for (const { contact, evaluation } of page) {
          const row = stored.get(contact.id);
          current.push(
            live && row ? evaluateState(live, decodeState(live, row.state), contact, now).score : null,
          );
          proposed.push(evaluation.score);
        }
        after = page[page.length - 1]!.contact.id;
      }
      const { min, max } = range([...proposed, ...current.filter((c): c is number => c !== null)]);
      const buckets = niceBuckets(min, max);
      const histogram = buckets.map((b) => ({ ...b, count: 0, current: 0 }));
      const draftTiers = draftDefinition.tiers;
      const liveTiers = live?.definition.tiers ?? [];
      const tiers = [...new Set([...draftTiers, ...liveTiers].map((t) => t.name))].map((name) => ({
        name,
        current: 0,
        proposed: 0,
      }));
      let tierChanges = 0;
      proposed.forEach((score, i) => {
        histogram[bucketIndex(buckets, score)]!.count++;
        const proposedTier = draftTiers[tierIndexFor(score, draftTiers)]!.name;
        tiers.find((t) => t.name === proposedTier)!.proposed++;
        const was = current[i];
        if (was === null || was === undefined) {
          tierChanges++; // a first score is a change of tier
          return;
        }
        histogram[bucketIndex(buckets, was)]!.current++;
        const currentTier = liveTiers[tierIndexFor(was, liveTiers)]!.name;
        tiers.find((t) => t.name === currentTier)!.current++;
        if (currentTier !== proposedTier) tierChanges++;
      });
      return { contacts: proposed.length, histogram, tiers, tierChanges };
    },

    /** Histogram and tier counts of the current scores. */
    async distribution(accountId: string, id: string) {
      const profile = await load(accountId, id);
      if (profile.live_version === null)
        throw new AppError('conflict', 'this profile is not published, so it has no scores yet');
      const version = Number(profile.live_version);
      const compiled = await versions.get(accountId, id, version);
      const counts = await scores.scoreCounts(accountId, id, version);
      const buckets =
        counts.length === 0 ? [] : niceBuckets(counts[0]!.score, counts[counts.length - 1]!.score);
      const histogram = buckets.map((b) => ({ ...b, count: 0 }));
      const tiers = compiled.definition.tiers.map((t) => ({
        name: t.name,
        minScore: t.minScore,
        action: t.action ?? null,
        count: 0,
      }));
      let total = 0;
      for (const { score, count } of counts) {
        histogram[bucketIndex(buckets, score)]!.count += count;
        tiers[tierIndexFor(score, compiled.definition.tiers)]!.count += count;
        total += count;
      }
      return { version, contacts: total, histogram, tiers };
    },

    /** The biggest risers and fallers over the last `days` days, each with its current tier. */
    async movers(accountId: string, id: string, options: { days: number; limit: number }) {
      const profile = await load(accountId, id);
      if (profile.live_version === null)
        throw new AppError('conflict', 'this profile is not published, so it has no scores yet');
      const version = Number(profile.live_version);
      const { tiers } = (await versions.get(accountId, id, version)).definition;
      const since = clock.now() - options.days * 86_400_000;
      const moved = await scores.movers({ accountId, profileId: id, version, since, limit: options.limit });
      const withTier = (rows: typeof moved.up) =>
        rows.map((row) => ({ ...row, tier: tiers[tierIndexFor(row.to, tiers)]!.name }));
      return {
        version,
        since: new Date(since).toISOString(),
        up: withTier(moved.up),
        down: withTier(moved.down),
      };
    },
  };
}

export type InsightsService = ReturnType<typeof insightsService>;
