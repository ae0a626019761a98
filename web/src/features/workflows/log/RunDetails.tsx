import { Button, Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { WorkflowRun } from '../../../api/types.ts';
import { dateTime } from '../../../ui/format.ts';
import { notifyError, notifySuccess } from '../../../ui/notify.ts';
import { useRedeliver } from '../api.ts';
import { type WorkflowSentenceOptions, actionSentence, causeText } from '../workflow-sentences.ts';

/** Only finished webhook deliveries can be sent again. */
export const canRedeliver = (run: WorkflowRun) =>
  run.action.type === 'webhook' && (run.status === 'succeeded' || run.status === 'failed');

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** A delivery opened: what it carried out, why, and each attempt (newest first). */
export function RunDetails({
  run,
  canEdit,
  sentenceOptions,
}: {
  run: WorkflowRun;
  canEdit: boolean;
  sentenceOptions: WorkflowSentenceOptions;
}) {
  const redeliver = useRedeliver(run.workflowId);
  const send = () =>
    redeliver.mutate(run.id, {
      onSuccess: () => notifySuccess('Sent again: the new attempt shows here in a moment'),
      onError: (error) => notifyError(error, 'It was not sent again'),
    });
  return (
    <Stack gap="sm" py="xs">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Fact label="Action">{actionSentence(run.action, sentenceOptions)}</Fact>
        <Fact label="Cause">{causeText(run.cause)}</Fact>
        <Fact label="Delivery id">
          <Code>{run.decisionId}</Code>
        </Fact>
        <Fact label="Finished">{run.finishedAt ? dateTime(run.finishedAt) : 'Not yet'}</Fact>
      </SimpleGrid>
      {run.lastError && (
        <Fact label="Last error">
          <Text
            size="sm"
            c="var(--mantine-color-red-light-color)"
            component="span"
            style={{ overflowWrap: 'anywhere' }}
          >
            {run.lastError}
          </Text>
        </Fact>
      )}
      {run.attemptLog.length > 0 ? (
        <>
          <Table
            verticalSpacing={4}
            horizontalSpacing="sm"
            withTableBorder
            fz="sm"
            visibleFrom="sm"
            aria-label="Attempts, newest first"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>Time</Table.Th>
                <Table.Th>Status code</Table.Th>
                <Table.Th ta="right">Duration</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.attemptLog.map((a) => (
                <Table.Tr key={`${a.attempt}-${a.at}`}>
                  <Table.Td>{a.attempt}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(a.at)}</Table.Td>
                  <Table.Td>{a.statusCode ?? '—'}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {a.durationMs.toLocaleString()} ms
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{a.error ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {/* On a phone each attempt is a line: a table would push the log wider than the screen. */}
          <Stack
            gap={6}
            hiddenFrom="sm"
            component="ol"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-label="Attempts, newest first"
          >
            {run.attemptLog.map((a) => (
              <li key={`${a.attempt}-${a.at}`}>
                <Text size="sm">
                  #{a.attempt} · {dateTime(a.at)}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {a.statusCode ?? 'no response'} · {a.durationMs.toLocaleString()} ms
                  {a.error ? ` · ${a.error}` : ''}
                </Text>
              </li>
            ))}
          </Stack>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {run.action.type === 'webhook' ? 'Not attempted yet.' : 'Carried out without an HTTP request.'}
        </Text>
      )}
      {canEdit && canRedeliver(run) && (
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={send}
            loading={redeliver.isPending}
          >
            Redeliver
          </Button>
          <Text size="xs" c="dimmed">
            Sends the same delivery (same id) again.
          </Text>
        </Group>
      )}
    </Stack>
  );
}
