import { Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Job } from '../../../api/types.ts';

function rate(job: Job, now: number): number | null {
  if (!job.startedAt || job.progress.done === 0) return null;
  const end = job.finishedAt ? new Date(job.finishedAt).getTime() : now;
  const seconds = (end - new Date(job.startedAt).getTime()) / 1000;
  return seconds > 0 ? job.progress.done / seconds : null;
}

function remaining(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** Contacts recomputed so far: a bar with done / total, the percentage and the speed. */
export function PublishProgress({ job, version }: { job: Job; version?: number }) {
  const [now, setNow] = useState(Date.now());
  const running = job.status === 'queued' || job.status === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  const { done, total } = job.progress;
  const percent =
    total > 0 ? Math.min(100, Math.round((done / total) * 100)) : job.status === 'succeeded' ? 100 : 0;
  const speed = rate(job, now);
  const color = job.status === 'failed' ? 'red' : job.status === 'succeeded' ? 'teal' : 'blue';
  const status =
    job.status === 'queued'
      ? 'Waiting to start…'
      : job.status === 'running'
        ? `Recomputing scores${version ? ` for version ${version}` : ''}…`
        : job.status === 'succeeded'
          ? `Published${version ? ` version ${version}` : ''}: every contact is scored`
          : `Publishing failed${job.error ? `: ${job.error}` : ''}`;
  return (
    <Stack gap={6}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm" fw={500} component="output" aria-live="polite">
          {status}
        </Text>
        <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {percent}%
        </Text>
      </Group>
      <Progress
        value={percent}
        color={color}
        size="lg"
        radius="xl"
        striped={running}
        animated={running}
        aria-label="Publish progress"
        transitionDuration={300}
      />
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {done.toLocaleString()} of {total.toLocaleString()} contacts
        </Text>
        {speed !== null && (
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {Math.round(speed).toLocaleString()} contacts/s
            {running && speed > 0 && total > done && ` · about ${remaining((total - done) / speed)} left`}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
