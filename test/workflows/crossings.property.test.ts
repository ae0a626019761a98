import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjust, publishedProfile, putContact } from '../api/api-helpers.ts';
import { createWorkflow, deliverAll, setupWithReceiver, webhook } from './workflow-helpers.ts';

let world: Awaited<ReturnType<typeof setupWithReceiver>>;
let profileId: string;
let up: string;
let down: string;
beforeAll(async () => {
  world = await setupWithReceiver();
  profileId = (await publishedProfile(world.api)).id;
  up = (
    await createWorkflow(world.api, {
      trigger: { type: 'score.crossed', profileId, threshold: 50, direction: 'up' },
      actions: [webhook(world.receiver.url)],
    })
  ).id;
  down = (
    await createWorkflow(world.api, {
      trigger: { type: 'score.crossed', profileId, threshold: 50, direction: 'down' },
      actions: [webhook(world.receiver.url)],
    })
  ).id;
});
afterAll(async () => world?.close());

let contactNumber = 0;

describe('crossings, property-based', () => {
  it('a random walk of scores delivers exactly one webhook per crossing, each way', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 30, max: 70 }), { minLength: 1, maxLength: 12 }),
        async (walk) => {
          const contactId = `walk-${++contactNumber}`;
          await putContact(world.api, contactId); // first score 0: below the threshold
          for (const value of walk) await adjust(world.api, contactId, profileId, { set: value });
          await deliverAll(world.api);
          // Worked out from the walk itself: previous < 50 ≤ new is up, previous ≥ 50 > new is down.
          let previous = 0;
          let ups = 0;
          let downs = 0;
          for (const value of walk) {
            if (previous < 50 && value >= 50) ups++;
            if (previous >= 50 && value < 50) downs++;
            previous = value;
          }
          const mine = world.receiver.received.filter((r) => r.body.contact.id === contactId);
          expect(mine.filter((r) => r.body.workflowId === up)).toHaveLength(ups);
          expect(mine.filter((r) => r.body.workflowId === down)).toHaveLength(downs);
          expect(new Set(mine.map((r) => r.body.id)).size).toBe(mine.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});
