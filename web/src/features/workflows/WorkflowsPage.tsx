import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { IconPlus, IconRoute } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useProfiles } from '../../api/queries.ts';
import type { Workflow } from '../../api/types.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState } from '../../ui/QueryState.tsx';
import { useUserNames } from '../scoring/use-user-names.ts';
import { AdminOnlyNotice, ListCard } from '../settings/common.tsx';
import { useToggleWorkflow, useWorkflows } from './api.ts';
import {
  type WorkflowSentenceOptions,
  actionsSummary,
  conditionSentence,
  triggerSentence,
} from './workflow-sentences.ts';

function OnOff({ workflow, canEdit }: { workflow: Workflow; canEdit: boolean }) {
  const toggle = useToggleWorkflow();
  if (!canEdit)
    return (
      <Badge color={workflow.enabled ? 'teal' : 'gray'} variant="light" radius="sm">
        {workflow.enabled ? 'On' : 'Off'}
      </Badge>
    );
  return (
    <Switch
      checked={workflow.enabled}
      onChange={(e) => toggle.mutate({ id: workflow.id, enabled: e.currentTarget.checked })}
      aria-label={`${workflow.name} is on`}
      size="md"
    />
  );
}

function WorkflowSummary({ workflow, options }: { workflow: Workflow; options: WorkflowSentenceOptions }) {
  const conditions = workflow.conditions.map((c) => conditionSentence(c, options));
  return (
    <div style={{ minWidth: 0 }}>
      <Anchor
        component={Link}
        to={`/workflows/${workflow.id}`}
        fw={600}
        size="sm"
        style={{ overflowWrap: 'anywhere' }}
      >
        {workflow.name}
      </Anchor>
      <Text size="sm">
        {triggerSentence(workflow.trigger, options)}
        {conditions.length > 0 && (
          <Text span c="dimmed" size="sm">
            {' '}
            · if {conditions.join(' and ')}
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {actionsSummary(workflow.actions, options)}
      </Text>
    </div>
  );
}

/** Workflows: every automation with its trigger, its actions and an on/off switch. */
export function WorkflowsPage() {
  const { isAdmin: canEdit, isPending: sessionPending } = useIsAdmin();
  const workflows = useWorkflows();
  const profiles = useProfiles();
  const userName = useUserNames();
  const options: WorkflowSentenceOptions = {
    profileName: (id) => profiles.data?.find((p) => p.id === id)?.name,
    userName,
  };
  const list = workflows.data ?? [];
  const newButton = (variant: 'filled' | 'light') => (
    <Button
      component={Link}
      to="/workflows/new"
      leftSection={<IconPlus size={16} aria-hidden />}
      variant={variant}
    >
      New workflow
    </Button>
  );
  return (
    <Container size="lg" py="md">
      <PageHeader
        title="Workflows"
        description="Automations that run when a contact's score changes: call a webhook, tag, assign or adjust a score."
        actions={canEdit && list.length > 0 && newButton('filled')}
      />
      {!canEdit && !sessionPending && (
        <AdminOnlyNotice>
          Only admins can create, change or turn workflows on and off. You can see what each one does and its
          delivery log.
        </AdminOnlyNotice>
      )}
      <ListCard
        query={workflows}
        loadingLabel="Loading workflows"
        empty={
          list.length === 0 ? (
            <Stack align="center" gap={0} pb="xl">
              <EmptyState
                title="No workflows yet"
                icon={
                  <ThemeIcon size={48} radius="xl" variant="light">
                    <IconRoute size={26} aria-hidden />
                  </ThemeIcon>
                }
              >
                {canEdit
                  ? 'A workflow acts when a score changes: for example, send a webhook to your CRM when a lead’s score crosses 50.'
                  : 'An admin has not set up any automation yet.'}
              </EmptyState>
              {canEdit && newButton('light')}
            </Stack>
          ) : null
        }
      >
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Workflow</Table.Th>
              <Table.Th w={90}>On</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((workflow) => (
              <Table.Tr key={workflow.id} data-workflow-id={workflow.id}>
                <Table.Td>
                  <WorkflowSummary workflow={workflow} options={options} />
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-start">
                    <OnOff workflow={workflow} canEdit={canEdit} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListCard>
    </Container>
  );
}
