import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useHotkeys, useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import {
  IconAlertTriangle,
  IconChevronLeft,
  IconDeviceFloppy,
  IconLock,
  IconTrash,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Profile, Workflow } from '../../../api/types.ts';
import { notifyError, notifySuccess } from '../../../ui/notify.ts';
import { Section } from '../../scoring/editor/Section.tsx';
import { useUnsavedGuard } from '../../scoring/editor/use-unsaved-guard.tsx';
import { useDeleteWorkflow } from '../api.ts';
import { ActionsSection } from './ActionsSection.tsx';
import { ConditionsSection } from './ConditionsSection.tsx';
import { TriggerSection } from './TriggerSection.tsx';
import type { WorkflowDraft } from './draft.ts';
import { type WorkflowEditorState, useWorkflowDraft } from './use-workflow-draft.ts';

// The server's error paths that a field shows next to itself; any other detail is listed on top.
const PLACED =
  /^(name|description|trigger(\.(profileId|type|threshold|fromTier|toTier))?|conditions(\.\d+\.(field|op|value))?|actions(\.\d+\.(url|secret|tag|userId|profileId|delta|set|note))?)$/;

function DetailsSection({
  editor,
  readOnly,
  isNew,
}: { editor: WorkflowEditorState; readOnly: boolean; isNew: boolean }) {
  const { draft, setDraft, errors } = editor;
  return (
    <Section id="workflow-details" title="Details">
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="e.g. Tell the CRM about hot leads"
          value={draft.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setDraft((d) => ({ ...d, name }));
          }}
          error={errors.name}
          readOnly={readOnly}
          maxLength={100}
          data-autofocus
        />
        <Textarea
          label="Description"
          placeholder="What this automation is for and who relies on it"
          autosize
          minRows={2}
          maxRows={6}
          value={draft.description}
          onChange={(e) => {
            const description = e.currentTarget.value;
            setDraft((d) => ({ ...d, description }));
          }}
          error={errors.description}
          readOnly={readOnly}
        />
        <Switch
          label="Turned on"
          description={
            draft.enabled
              ? 'Runs each time its trigger fires.'
              : 'Off: score changes do not run it until it is turned on again.'
          }
          checked={draft.enabled}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            setDraft((d) => ({ ...d, enabled }));
          }}
          disabled={readOnly}
        />
        {isNew && (
          <Checkbox
            label="Apply to existing contacts"
            description="Also run it once, when it is created, for contacts that already meet the trigger and the conditions."
            checked={draft.applyToExisting}
            onChange={(e) => {
              const applyToExisting = e.currentTarget.checked;
              setDraft((d) => ({ ...d, applyToExisting }));
            }}
          />
        )}
      </Stack>
    </Section>
  );
}

interface Props {
  /** The workflow to edit; null for a new one. */
  workflow: Workflow | null;
  blank: () => WorkflowDraft;
  profiles: readonly Profile[];
  canEdit: boolean;
  /** Existing workflows: the open tab and the delivery log to show in its tab. */
  tab?: 'setup' | 'log';
  onTab?: (tab: 'setup' | 'log') => void;
  log?: ReactNode;
}

/** A workflow's title, its actions, and the editor (with the delivery log beside it in a tab). */
export function WorkflowEditor({ workflow, blank, profiles, canEdit, tab = 'setup', onTab, log }: Props) {
  const editor = useWorkflowDraft(workflow, blank);
  const navigate = useNavigate();
  const remove = useDeleteWorkflow();
  const phone = useMediaQuery('(max-width: 48em)');
  const readOnly = !canEdit;
  const isNew = workflow === null;
  const { dirty, saving } = editor;
  useUnsavedGuard(canEdit && dirty, 'this workflow');

  const save = async () => {
    try {
      const saved = await editor.saveChanges();
      if (!saved) {
        notifyError(new Error('Some fields need your attention; they are marked in red.'), 'Not saved yet');
        return;
      }
      notifySuccess(isNew ? `Workflow “${saved.name}” created` : 'Changes saved');
      if (isNew) navigate(`/workflows/${saved.id}`, { replace: true });
    } catch (error) {
      notifyError(error, isNew ? 'The workflow was not created' : 'Your changes were not saved');
    }
  };

  useHotkeys(
    [
      [
        'mod+S',
        () => {
          if (canEdit && (dirty || isNew) && !saving) void save();
        },
      ],
    ],
    [],
  );

  const confirmDelete = () =>
    workflow &&
    modals.openConfirmModal({
      title: `Delete “${workflow.name}”?`,
      children: (
        <Text size="sm">
          It stops running at once, and its delivery log is deleted with it. Deliveries waiting for a retry
          are not sent. This cannot be undone; to pause it instead, turn it off.
        </Text>
      ),
      labels: { confirm: 'Delete workflow', cancel: 'Keep it' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(workflow.id, {
          onSuccess: () => {
            notifySuccess(`“${workflow.name}” was deleted`);
            navigate('/workflows');
          },
          onError: (error) => notifyError(error, 'The workflow was not deleted'),
        }),
    });

  const unplaced = Object.entries(editor.errors).filter(([path]) => !PLACED.test(path));
  const setup = (
    <Stack gap="md" pb="xl">
      {readOnly && (
        <Alert icon={<IconLock size={18} />} color="gray" variant="light">
          You can read this workflow and its delivery log. Only admins can change, turn on or off, or delete
          workflows.
        </Alert>
      )}
      {unplaced.length > 0 && (
        <Alert icon={<IconAlertTriangle size={18} />} color="red" variant="light" role="alert">
          {unplaced.map(([path, message]) => (
            <Text size="sm" key={path}>
              {path === 'form' ? message : `${path}: ${message}`}
            </Text>
          ))}
        </Alert>
      )}
      <DetailsSection editor={editor} readOnly={readOnly} isNew={isNew} />
      <TriggerSection editor={editor} profiles={profiles} readOnly={readOnly} />
      <ConditionsSection editor={editor} readOnly={readOnly} />
      <ActionsSection editor={editor} profiles={profiles} readOnly={readOnly} />
    </Stack>
  );

  return (
    <>
      <Box
        pos={phone ? 'static' : 'sticky'}
        top="var(--app-shell-header-offset, 56px)"
        bg="var(--mantine-color-body)"
        py="sm"
        mb="md"
        style={{ zIndex: 5, borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Anchor component={Link} to="/workflows" size="sm" c="dimmed">
          <Group gap={2} component="span">
            <IconChevronLeft size={16} aria-hidden />
            Workflows
          </Group>
        </Anchor>
        <Group justify="space-between" align="center" gap="sm" mt={4} wrap="wrap">
          <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
            <Title order={1} fz={{ base: 'h3', sm: 'h2' }} style={{ overflowWrap: 'anywhere' }}>
              {editor.draft.name.trim() || (isNew ? 'New workflow' : 'Untitled workflow')}
            </Title>
            {workflow && (
              <Badge color={workflow.enabled ? 'teal' : 'gray'} variant="light" radius="sm">
                {workflow.enabled ? 'On' : 'Off'}
              </Badge>
            )}
          </Group>
          {canEdit && (
            <Group gap="xs" wrap="wrap">
              {dirty && !isNew && (
                <Badge color="orange" variant="light" radius="sm">
                  Unsaved changes
                </Badge>
              )}
              {dirty && !isNew && (
                <Button variant="subtle" color="gray" onClick={editor.discard} disabled={saving}>
                  Discard
                </Button>
              )}
              <Tooltip label="Save (Ctrl+S)" withArrow openDelay={500} disabled={!dirty && !isNew}>
                <Button
                  leftSection={<IconDeviceFloppy size={16} />}
                  onClick={() => void save()}
                  disabled={!dirty && !isNew}
                  loading={saving}
                  variant={dirty || isNew ? 'filled' : 'default'}
                >
                  {isNew ? 'Create workflow' : 'Save changes'}
                </Button>
              </Tooltip>
              {workflow && (
                <Button
                  variant="default"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={confirmDelete}
                  styles={{ label: { color: 'var(--mantine-color-red-text)' } }}
                >
                  Delete
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Box>
      {workflow && onTab ? (
        <Tabs value={tab} onChange={(v) => onTab(v === 'log' ? 'log' : 'setup')} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="setup">Setup</Tabs.Tab>
            <Tabs.Tab value="log">Delivery log</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="setup">{setup}</Tabs.Panel>
          <Tabs.Panel value="log" pb="xl">
            {log}
          </Tabs.Panel>
        </Tabs>
      ) : (
        setup
      )}
    </>
  );
}
