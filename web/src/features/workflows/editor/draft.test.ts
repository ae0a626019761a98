import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../api/types.ts';
import {
  draftOf,
  emptyAction,
  emptyCondition,
  emptyDraft,
  sameDraft,
  webhookUrlError,
  workflowOf,
} from './draft.ts';

const workflow: Workflow = {
  id: 'wf_1',
  name: 'Hot leads',
  description: 'Tell the CRM',
  enabled: true,
  trigger: { type: 'score.crossed', profileId: 'p_1', threshold: 50, direction: 'up' },
  conditions: [
    { field: 'score', op: 'lt', value: 200 },
    { field: 'tags', op: 'contains', value: 'vip' },
    { field: 'fields.plan', op: 'eq', value: 'pro' },
  ],
  actions: [
    { type: 'webhook', url: 'https://hooks.example.com/tally', secret: 'a-secret-of-16-chars' },
    { type: 'tag.add', tag: 'hot' },
    { type: 'assign', userId: 'u_1' },
    { type: 'score.adjust', profileId: 'p_1', delta: -5, note: 'cool down' },
    { type: 'score.adjust', profileId: 'p_2', set: 0 },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the workflow draft', () => {
  it('turns a workflow into values and back unchanged', () => {
    const result = workflowOf(draftOf(workflow));
    expect(result).toEqual({
      body: {
        name: workflow.name,
        description: workflow.description,
        enabled: true,
        trigger: workflow.trigger,
        conditions: workflow.conditions,
        actions: workflow.actions,
      },
    });
  });

  it('compares drafts without their row keys', () => {
    expect(sameDraft(draftOf(workflow), draftOf(workflow))).toBe(true);
    expect(sameDraft(draftOf(workflow), { ...draftOf(workflow), name: 'Other' })).toBe(false);
  });

  it('builds each trigger', () => {
    const base = { ...emptyDraft('p_1'), name: 'x', actions: [{ ...emptyAction('tag.add'), tag: 'a' }] };
    const trigger = (d: Partial<typeof base>) => {
      const r = workflowOf({ ...base, ...d });
      return 'body' in r ? r.body.trigger : r.errors;
    };
    expect(trigger({ triggerType: 'score.changed' })).toEqual({ type: 'score.changed', profileId: 'p_1' });
    expect(trigger({ triggerType: 'tier.changed', toTier: 'High' })).toEqual({
      type: 'tier.changed',
      profileId: 'p_1',
      toTier: 'High',
    });
    expect(trigger({ threshold: '' })).toEqual({ 'trigger.threshold': 'Enter a whole number' });
    expect(trigger({ profileId: null })).toEqual({ 'trigger.profileId': 'Choose a score profile' });
  });

  it('names the fields to fix by their contract paths', () => {
    const result = workflowOf({
      ...emptyDraft('p_1'),
      conditions: [{ ...emptyCondition('score') }, { ...emptyCondition('tags') }],
      actions: [
        { ...emptyAction('webhook'), url: 'ftp://x', secret: 'short' },
        emptyAction('assign'),
        { ...emptyAction('score.adjust', 'p_1'), amount: 0 },
      ],
    });
    expect(result).toEqual({
      errors: {
        name: 'Enter a name',
        'conditions.0.value': 'Enter a whole number',
        'conditions.1.value': 'Enter the text to look for',
        'actions.0.url': 'Use an http:// or https:// URL',
        'actions.0.secret': 'Use at least 16 characters, or leave it empty',
        'actions.1.userId': 'Choose a user',
        'actions.2.delta': 'Enter a whole number of points, 1 or more',
      },
    });
    expect(workflowOf({ ...emptyDraft('p_1'), name: 'x', actions: [] })).toEqual({
      errors: { actions: 'Add at least one action' },
    });
  });

  it('checks webhook URLs', () => {
    expect(webhookUrlError('https://hooks.example.com/x')).toBeNull();
    expect(webhookUrlError('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlError('')).toBe('Enter the URL to send to');
    expect(webhookUrlError('hooks.example.com')).toBe(
      'Enter a full URL, like https://hooks.example.com/tally',
    );
  });
});
