import {
  ActionIcon,
  Button,
  Group,
  Input,
  Menu,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconAdjustments,
  IconChevronDown,
  IconTag,
  IconTagOff,
  IconTrash,
  IconUserCheck,
  IconWebhook,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useUsers } from '../../../api/queries.ts';
import type { Profile } from '../../../api/types.ts';
import { Section } from '../../scoring/editor/Section.tsx';
import { ACTION_LABELS } from '../workflow-sentences.ts';
import { type ActionDraft, type ActionType, MAX_ACTIONS, emptyAction } from './draft.ts';
import type { WorkflowEditorState } from './use-workflow-draft.ts';

export const ACTION_ICONS: Record<ActionType, ComponentType<{ size?: number }>> = {
  webhook: IconWebhook,
  'tag.add': IconTag,
  'tag.remove': IconTagOff,
  assign: IconUserCheck,
  'score.adjust': IconAdjustments,
};

const ACTION_TYPES = Object.keys(ACTION_LABELS) as ActionType[];

interface FieldsProps {
  action: ActionDraft;
  name: string;
  path: string;
  onChange: (change: Partial<ActionDraft>) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  profiles: readonly Profile[];
}

function ActionFields({ action: a, name, path, onChange, errors, readOnly, profiles }: FieldsProps) {
  const users = useUsers();
  const flex = { flex: '1 1 220px', minWidth: 0 };
  switch (a.type) {
    case 'webhook':
      return (
        <Stack gap="xs">
          <TextInput
            label="URL"
            aria-label={`${name} URL`}
            description="Tally POSTs the contact and its previous and new score here, as JSON"
            placeholder="https://hooks.example.com/tally"
            value={a.url}
            onChange={(e) => onChange({ url: e.currentTarget.value })}
            error={errors[`${path}.url`]}
            readOnly={readOnly}
            inputMode="url"
            autoComplete="off"
          />
          <PasswordInput
            label="Signing secret"
            aria-label={`${name} signing secret`}
            description="Each delivery is signed with it: X-Tally-Signature: sha256=<HMAC of the body>. Leave it empty and Tally makes one."
            value={a.secret}
            onChange={(e) => onChange({ secret: e.currentTarget.value })}
            error={errors[`${path}.secret`]}
            readOnly={readOnly}
            autoComplete="off"
          />
        </Stack>
      );
    case 'tag.add':
    case 'tag.remove':
      return (
        <TextInput
          label="Tag"
          aria-label={`${name} tag`}
          placeholder="hot-lead"
          value={a.tag}
          onChange={(e) => onChange({ tag: e.currentTarget.value })}
          error={errors[`${path}.tag`]}
          readOnly={readOnly}
          maw={360}
        />
      );
    case 'assign':
      return (
        <Select
          label="User"
          aria-label={`${name} user`}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={a.userId}
          onChange={(userId) => onChange({ userId })}
          searchable
          placeholder="Choose a user"
          error={errors[`${path}.userId`]}
          readOnly={readOnly}
          maw={360}
        />
      );
    case 'score.adjust':
      return (
        <Stack gap="xs">
          <Group gap="sm" align="flex-start" wrap="wrap">
            <Select
              label="Score profile"
              aria-label={`${name} score profile`}
              data={profiles.map((p) => ({ value: p.id, label: p.name }))}
              value={a.profileId}
              onChange={(profileId) => onChange({ profileId })}
              allowDeselect={false}
              placeholder="Choose a profile"
              error={errors[`${path}.profileId`]}
              readOnly={readOnly}
              style={flex}
            />
            <div style={flex}>
              <Input.Label id={`${path}-mode`} mb={4}>
                Change
              </Input.Label>
              <SegmentedControl
                aria-labelledby={`${path}-mode`}
                fullWidth
                data={[
                  { value: 'add', label: 'Add' },
                  { value: 'subtract', label: 'Subtract' },
                  { value: 'set', label: 'Set to' },
                ]}
                value={a.mode}
                onChange={(mode) => onChange({ mode: mode as ActionDraft['mode'] })}
                readOnly={readOnly}
              />
            </div>
            <NumberInput
              label={a.mode === 'set' ? 'Score' : 'Points'}
              aria-label={`${name} ${a.mode === 'set' ? 'score' : 'points'}`}
              value={a.amount}
              onChange={(amount) => onChange({ amount })}
              allowDecimal={false}
              allowNegative={a.mode === 'set'}
              error={errors[`${path}.delta`] ?? errors[`${path}.set`]}
              readOnly={readOnly}
              style={{ flex: '0 1 140px', minWidth: 100 }}
            />
          </Group>
          <TextInput
            label="Note"
            aria-label={`${name} note`}
            description="Optional: shown in the score's history"
            value={a.note}
            onChange={(e) => onChange({ note: e.currentTarget.value })}
            error={errors[`${path}.note`]}
            readOnly={readOnly}
          />
        </Stack>
      );
  }
}

interface Props {
  editor: WorkflowEditorState;
  profiles: readonly Profile[];
  readOnly: boolean;
}

/** What happens for each contact the trigger and conditions pick: one to ten actions, each carried out on its own. */
export function ActionsSection({ editor, profiles, readOnly }: Props) {
  const { draft, setDraft, errors } = editor;
  const update = (index: number, change: Partial<ActionDraft>) =>
    setDraft((d) => ({ ...d, actions: d.actions.map((a, i) => (i === index ? { ...a, ...change } : a)) }));
  const remove = (index: number) =>
    setDraft((d) => ({ ...d, actions: d.actions.filter((_, i) => i !== index) }));
  const add = (type: ActionType) =>
    setDraft((d) => ({ ...d, actions: [...d.actions, emptyAction(type, d.profileId)] }));
  return (
    <Section
      id="workflow-actions"
      title="Actions"
      description="What happens for each contact. Each action runs on its own (side by side, not one after another); webhooks are retried for a day until the receiver answers 2xx."
    >
      <Stack gap="xs">
        {draft.actions.map((a, i) => {
          const name = `Action ${i + 1}`;
          const Icon = ACTION_ICONS[a.type];
          return (
            <Paper
              key={a.key}
              component="fieldset"
              withBorder
              p="sm"
              m={0}
              radius="md"
              aria-label={`${name}: ${ACTION_LABELS[a.type]}`}
              style={{ minWidth: 0 }}
            >
              <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
                <Group gap={8} wrap="nowrap">
                  <Icon size={18} aria-hidden />
                  <Text size="sm" fw={600}>
                    {i + 1}. {ACTION_LABELS[a.type]}
                  </Text>
                </Group>
                {!readOnly && (
                  <Tooltip label="Remove action">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      aria-label={`Remove action ${i + 1}`}
                      onClick={() => remove(i)}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
              <ActionFields
                action={a}
                name={name}
                path={`actions.${i}`}
                onChange={(change) => update(i, change)}
                errors={errors}
                readOnly={readOnly}
                profiles={profiles}
              />
            </Paper>
          );
        })}
        {errors.actions && (
          <Text size="xs" c="red" role="alert">
            {errors.actions}
          </Text>
        )}
        {!readOnly && (
          <Group>
            <Menu position="bottom-start" width={220}>
              <Menu.Target>
                <Button
                  variant="light"
                  size="xs"
                  rightSection={<IconChevronDown size={14} />}
                  disabled={draft.actions.length >= MAX_ACTIONS}
                >
                  Add action
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {ACTION_TYPES.map((type) => {
                  const Icon = ACTION_ICONS[type];
                  return (
                    <Menu.Item key={type} leftSection={<Icon size={16} />} onClick={() => add(type)}>
                      {ACTION_LABELS[type]}
                    </Menu.Item>
                  );
                })}
              </Menu.Dropdown>
            </Menu>
            {draft.actions.length >= MAX_ACTIONS && (
              <Text size="xs" c="dimmed">
                A workflow has at most {MAX_ACTIONS} actions.
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Section>
  );
}
