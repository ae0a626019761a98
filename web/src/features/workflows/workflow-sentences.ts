// Workflows as sentences a person reads: "Score of Lead Engagement crosses 50 upward", "Tier of Lead
// Engagement changes to High", "Send a webhook to hooks.example.com · Tag vip". Pure: no React, so the
// sentences are unit-tested (workflow-sentences.test.ts).
import type { WorkflowAction, WorkflowCondition, WorkflowTrigger } from '../../api/types.ts';
import { scoreText } from '../../ui/format.ts';
import { conditionText, contactConditionText } from '../scoring/rule-sentences.ts';

export interface WorkflowSentenceOptions {
  /** A profile id as the profile's name. */
  profileName?: (id: string) => string | undefined;
  /** A user id as the user's name. */
  userName?: (id: string) => string | undefined;
}

const profileOf = (id: string, options: WorkflowSentenceOptions) =>
  options.profileName?.(id) ?? 'a deleted profile';

/** "Score of Lead crosses 50 upward", "Tier of Lead changes from Medium to High", "Score of Lead changes". */
export function triggerSentence(trigger: WorkflowTrigger, options: WorkflowSentenceOptions = {}): string {
  const profile = profileOf(trigger.profileId, options);
  switch (trigger.type) {
    case 'score.changed':
      return `Score of ${profile} changes`;
    case 'score.crossed':
      return `Score of ${profile} crosses ${scoreText(trigger.threshold)} ${trigger.direction === 'up' ? 'upward' : 'downward'}`;
    case 'tier.changed': {
      const from = trigger.fromTier ? ` from ${trigger.fromTier}` : '';
      const to = trigger.toTier ? ` to ${trigger.toTier}` : '';
      return `Tier of ${profile} changes${from}${to}`;
    }
  }
}

/** "the new score is at least 50", "tagged vip", "assigned to Ann Lee". */
export function conditionSentence(condition: WorkflowCondition, options: WorkflowSentenceOptions = {}) {
  if (condition.field === 'score') return conditionText('the new score', condition.op, condition.value);
  return contactConditionText(condition as Parameters<typeof contactConditionText>[0], options);
}

/** The host a webhook goes to ("hooks.example.com:8443"), or the text as given when it is no URL. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

export const ACTION_LABELS: Record<WorkflowAction['type'], string> = {
  webhook: 'Send a webhook',
  'tag.add': 'Add a tag',
  'tag.remove': 'Remove a tag',
  assign: 'Assign to a user',
  'score.adjust': 'Adjust a score',
};

/** "Send a webhook to hooks.example.com", "Tag vip", "Add 10 to the score of Lead". */
export function actionSentence(action: WorkflowAction, options: WorkflowSentenceOptions = {}): string {
  switch (action.type) {
    case 'webhook':
      return `Send a webhook to ${webhookHost(action.url)}`;
    case 'tag.add':
      return `Tag ${action.tag}`;
    case 'tag.remove':
      return `Remove tag ${action.tag}`;
    case 'assign':
      return `Assign to ${options.userName?.(action.userId) ?? 'a deleted user'}`;
    case 'score.adjust': {
      const profile = profileOf(action.profileId, options);
      if (action.set !== undefined) return `Set the score of ${profile} to ${scoreText(action.set)}`;
      const delta = action.delta ?? 0;
      return delta < 0
        ? `Subtract ${scoreText(-delta)} from the score of ${profile}`
        : `Add ${scoreText(delta)} to the score of ${profile}`;
    }
  }
}

/** Every action, joined: "Send a webhook to hooks.example.com · Tag vip". */
export function actionsSummary(actions: readonly WorkflowAction[], options: WorkflowSentenceOptions = {}) {
  return actions.map((a) => actionSentence(a, options)).join(' · ');
}

const CAUSES: Record<string, string> = {
  event: 'An event',
  time: 'Time passing (inactivity or expiry)',
  manual: 'A manual score update',
  attributes: 'A change to the contact',
  publish: 'Publishing the profile',
  existing: 'Applied to existing contacts when created',
};

/** What moved the score, as a run's `cause` names it: "An event", "Publishing the profile". */
export function causeText(cause: string): string {
  return CAUSES[cause] ?? cause;
}
