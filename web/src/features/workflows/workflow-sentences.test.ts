import { describe, expect, it } from 'vitest';
import {
  actionSentence,
  actionsSummary,
  causeText,
  conditionSentence,
  triggerSentence,
  webhookHost,
} from './workflow-sentences.ts';

const options = {
  profileName: (id: string) => (id === 'p_1' ? 'Lead Engagement' : undefined),
  userName: (id: string) => (id === 'u_1' ? 'Ann Lee' : undefined),
};

describe('workflow sentences', () => {
  it('describes each trigger', () => {
    expect(triggerSentence({ type: 'score.changed', profileId: 'p_1' }, options)).toBe(
      'Score of Lead Engagement changes',
    );
    expect(
      triggerSentence({ type: 'score.crossed', profileId: 'p_1', threshold: 50, direction: 'up' }, options),
    ).toBe('Score of Lead Engagement crosses 50 upward');
    expect(
      triggerSentence({ type: 'score.crossed', profileId: 'p_1', threshold: -5, direction: 'down' }, options),
    ).toBe('Score of Lead Engagement crosses \u22125 downward');
    expect(triggerSentence({ type: 'tier.changed', profileId: 'p_1', toTier: 'High' }, options)).toBe(
      'Tier of Lead Engagement changes to High',
    );
    expect(
      triggerSentence(
        { type: 'tier.changed', profileId: 'p_1', fromTier: 'Medium', toTier: 'High' },
        options,
      ),
    ).toBe('Tier of Lead Engagement changes from Medium to High');
    expect(triggerSentence({ type: 'tier.changed', profileId: 'p_1', fromTier: 'High' }, options)).toBe(
      'Tier of Lead Engagement changes from High',
    );
    expect(triggerSentence({ type: 'tier.changed', profileId: 'p_9' }, options)).toBe(
      'Tier of a deleted profile changes',
    );
  });

  it('describes score and contact conditions', () => {
    expect(conditionSentence({ field: 'score', op: 'gte', value: 50 })).toBe('the new score is at least 50');
    expect(conditionSentence({ field: 'score', op: 'lt', value: 10 })).toBe('the new score is under 10');
    expect(conditionSentence({ field: 'tags', op: 'contains', value: 'vip' })).toBe('tagged vip');
    expect(conditionSentence({ field: 'assignedTo', op: 'eq', value: 'u_1' }, options)).toBe(
      'assigned to Ann Lee',
    );
  });

  it('describes each action', () => {
    expect(actionSentence({ type: 'webhook', url: 'https://hooks.example.com:8443/tally?x=1' })).toBe(
      'Send a webhook to hooks.example.com:8443',
    );
    expect(actionSentence({ type: 'tag.add', tag: 'hot' })).toBe('Tag hot');
    expect(actionSentence({ type: 'tag.remove', tag: 'cold' })).toBe('Remove tag cold');
    expect(actionSentence({ type: 'assign', userId: 'u_1' }, options)).toBe('Assign to Ann Lee');
    expect(actionSentence({ type: 'assign', userId: 'u_2' }, options)).toBe('Assign to a deleted user');
    expect(actionSentence({ type: 'score.adjust', profileId: 'p_1', delta: 10 }, options)).toBe(
      'Add 10 to the score of Lead Engagement',
    );
    expect(actionSentence({ type: 'score.adjust', profileId: 'p_1', delta: -5 }, options)).toBe(
      'Subtract 5 from the score of Lead Engagement',
    );
    expect(actionSentence({ type: 'score.adjust', profileId: 'p_1', set: 0 }, options)).toBe(
      'Set the score of Lead Engagement to 0',
    );
  });

  it('joins the actions and reads hosts', () => {
    expect(
      actionsSummary([
        { type: 'webhook', url: 'http://127.0.0.1:9000/hook' },
        { type: 'tag.add', tag: 'vip' },
      ]),
    ).toBe('Send a webhook to 127.0.0.1:9000 · Tag vip');
    expect(webhookHost('not a url')).toBe('not a url');
  });

  it('names what moved the score', () => {
    expect(causeText('publish')).toBe('Publishing the profile');
    expect(causeText('existing')).toBe('Applied to existing contacts when created');
    expect(causeText('something.new')).toBe('something.new');
  });
});
