import { Group, Input, NumberInput, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { Profile } from '../../../api/types.ts';
import { Section } from '../../scoring/editor/Section.tsx';
import { triggerSentence } from '../workflow-sentences.ts';
import { type TriggerType, profileTiers, triggerOf } from './draft.ts';
import type { WorkflowEditorState } from './use-workflow-draft.ts';

const TRIGGER_OPTIONS: { value: TriggerType; label: string }[] = [
  { value: 'score.crossed', label: 'The score crosses a threshold' },
  { value: 'tier.changed', label: 'The tier changes' },
  { value: 'score.changed', label: 'The score changes' },
];

const ANY = '__any__';

interface Props {
  editor: WorkflowEditorState;
  profiles: readonly Profile[];
  readOnly: boolean;
}

/** When the workflow runs: which score, and which change of it. */
export function TriggerSection({ editor, profiles, readOnly }: Props) {
  const { draft, setDraft, errors } = editor;
  const profile = profiles.find((p) => p.id === draft.profileId);
  const tierOptions = [
    { value: ANY, label: 'Any tier' },
    ...profileTiers(profile).map((t) => ({ value: t.name, label: t.name })),
  ];
  const trigger = triggerOf(draft);
  const profileName = (id: string) => profiles.find((p) => p.id === id)?.name;
  return (
    <Section
      id="workflow-trigger"
      title="Trigger"
      description="The change of a contact's score that starts this workflow."
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            label="Score profile"
            data={profiles.map((p) => ({
              value: p.id,
              label: p.published ? p.name : `${p.name} (draft)`,
            }))}
            value={draft.profileId}
            onChange={(profileId) => setDraft((d) => ({ ...d, profileId, fromTier: null, toTier: null }))}
            allowDeselect={false}
            searchable
            nothingFoundMessage="No profile has that name"
            placeholder="Choose a profile"
            error={errors['trigger.profileId']}
            description={
              profile && !profile.published
                ? 'This profile is a draft: it scores contacts once it is published.'
                : undefined
            }
            readOnly={readOnly}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label="When"
            data={TRIGGER_OPTIONS}
            value={draft.triggerType}
            onChange={(v) => v && setDraft((d) => ({ ...d, triggerType: v as TriggerType }))}
            allowDeselect={false}
            error={errors['trigger.type']}
            readOnly={readOnly}
            style={{ flex: '1 1 240px' }}
          />
        </Group>
        {draft.triggerType === 'score.crossed' && (
          <Group gap="sm" align="flex-start" wrap="wrap">
            <NumberInput
              label="Threshold"
              description="A crossing counts once each time the score passes it"
              value={draft.threshold}
              onChange={(threshold) => setDraft((d) => ({ ...d, threshold }))}
              allowDecimal={false}
              error={errors['trigger.threshold']}
              readOnly={readOnly}
              style={{ flex: '1 1 200px' }}
            />
            <div style={{ flex: '1 1 200px' }}>
              <Input.Label id="workflow-direction" mb={4}>
                Direction
              </Input.Label>
              <SegmentedControl
                aria-labelledby="workflow-direction"
                fullWidth
                data={[
                  { value: 'up', label: 'Upward' },
                  { value: 'down', label: 'Downward' },
                ]}
                value={draft.direction}
                onChange={(v) => setDraft((d) => ({ ...d, direction: v === 'down' ? 'down' : 'up' }))}
                readOnly={readOnly}
              />
              <Text size="xs" c="dimmed" mt={4}>
                {draft.direction === 'up'
                  ? 'From below the threshold to at or above it'
                  : 'From at or above the threshold to below it'}
              </Text>
            </div>
          </Group>
        )}
        {draft.triggerType === 'tier.changed' && (
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <Select
              label="From tier"
              data={tierOptions}
              value={draft.fromTier ?? ANY}
              onChange={(v) => setDraft((d) => ({ ...d, fromTier: v === ANY ? null : v }))}
              allowDeselect={false}
              error={errors['trigger.fromTier']}
              readOnly={readOnly}
              style={{ flex: '1 1 200px' }}
            />
            <Select
              label="To tier"
              data={tierOptions}
              value={draft.toTier ?? ANY}
              onChange={(v) => setDraft((d) => ({ ...d, toTier: v === ANY ? null : v }))}
              allowDeselect={false}
              error={errors['trigger.toTier']}
              readOnly={readOnly}
              style={{ flex: '1 1 200px' }}
            />
          </Group>
        )}
        {errors.trigger && (
          <Text size="xs" c="red">
            {errors.trigger}
          </Text>
        )}
        <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={2}>
            Runs when
          </Text>
          <Text size="sm" aria-live="polite">
            {trigger
              ? triggerSentence(trigger, { profileName })
              : draft.profileId
                ? 'Enter the threshold.'
                : 'Choose a score profile.'}
          </Text>
        </Paper>
      </Stack>
    </Section>
  );
}
