import { LineChart } from '@mantine/charts';
import { Badge, Box, Button, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { HistoryItem } from '../../api/types.ts';
import { QueryError } from '../../ui/QueryState.tsx';
import { dateTime, scoreText, signed, timeAgo } from '../../ui/format.ts';
import { type ReasonContext, reasonText, yScale } from './labels.ts';
import { useScoreHistory } from './queries.ts';

const SHOWN = 5;

function chartData(items: HistoryItem[], current: number) {
  // Oldest first; the line runs on to now at the current score.
  const points = [...items].reverse().map((h) => ({ at: Date.parse(h.at), score: h.to }));
  points.push({ at: Date.now(), score: current });
  return points;
}

/** Ticks read as dates, or as times when the whole chart spans less than two days. */
function tickFormat(spanMs: number) {
  return (at: unknown): string => {
    const date = new Date(Number(at));
    if (Number.isNaN(date.getTime())) return '';
    return spanMs < 2 * 86_400_000
      ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
      : date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  };
}

function tooltipDate(at: unknown): string {
  const date = new Date(Number(at));
  return Number.isNaN(date.getTime()) ? '' : dateTime(date.toISOString());
}

function Change({ item, ctx }: { item: HistoryItem; ctx: ReasonContext }) {
  const { title, detail } = reasonText(item, ctx);
  const diff = item.from === null ? null : item.to - item.from;
  return (
    <Group component="li" wrap="nowrap" align="flex-start" gap="sm" py={6}>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={500}>
          {title}
        </Text>
        {detail && (
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {item.reason.kind === 'manual' ? `“${detail}”` : detail}
          </Text>
        )}
        <Tooltip label={dateTime(item.at)} withArrow openDelay={300}>
          <Text size="xs" c="dimmed" w="fit-content">
            {timeAgo(item.at)}
          </Text>
        </Tooltip>
      </Stack>
      <Stack gap={2} align="flex-end">
        {diff === null ? (
          <Badge variant="light" color="gray" size="sm">
            First score
          </Badge>
        ) : (
          <Badge variant="light" color={diff > 0 ? 'teal' : diff < 0 ? 'red' : 'gray'} size="sm">
            {signed(diff)}
          </Badge>
        )}
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {item.from === null ? scoreText(item.to) : `${scoreText(item.from)} → ${scoreText(item.to)}`}
        </Text>
      </Stack>
    </Group>
  );
}

/** Score history: a chart of the score over time and the recent changes with their reasons. */
export function HistorySection({
  contactId,
  profileId,
  current,
  ctx,
}: {
  contactId: string;
  profileId: string;
  current: number;
  ctx: ReasonContext;
}) {
  const history = useScoreHistory(contactId, profileId);
  const [expanded, setExpanded] = useState(false);
  const items = history.data?.items ?? [];
  const shown = expanded ? items : items.slice(0, SHOWN);
  const data = chartData(items, current);
  const span = (data[data.length - 1]?.at ?? 0) - (data[0]?.at ?? 0);
  const y = yScale(data.map((d) => d.score));
  return (
    <Box component="section" aria-labelledby="history-heading">
      <Title order={3} id="history-heading" fz="md" mb="xs">
        Score history
      </Title>
      {history.isPending ? (
        <Stack gap="xs">
          <Skeleton h={150} />
          <Skeleton h={14} />
          <Skeleton h={14} w="70%" />
        </Stack>
      ) : history.error ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes recorded yet.
        </Text>
      ) : (
        <>
          <LineChart
            h={150}
            data={data}
            dataKey="at"
            series={[{ name: 'score', label: 'Score', color: 'blue.6' }]}
            curveType="stepAfter"
            lineChartProps={{ margin: { right: 8, top: 6 } }}
            withDots={items.length < 40}
            gridAxis="x"
            tickLine="none"
            valueFormatter={scoreText}
            xAxisProps={{
              type: 'number',
              scale: 'time',
              domain: ['dataMin', 'dataMax'],
              tickFormatter: tickFormat(span),
              minTickGap: 24,
            }}
            yAxisProps={{ width: 44, interval: 0, ...y }}
            tooltipProps={{ labelFormatter: tooltipDate }}
            aria-label={`Chart of the score over time: ${items.length} changes, now ${scoreText(current)}`}
            role="img"
          />
          {history.data?.truncated && (
            <Text size="xs" c="dimmed">
              The chart shows the latest {items.length} changes.
            </Text>
          )}
          <Box
            component="ul"
            m={0}
            mt="xs"
            p={0}
            style={{ listStyle: 'none' }}
            aria-label="Recent score changes"
          >
            {shown.map((item, i) => (
              <Change key={`${item.at}-${i}`} item={item} ctx={ctx} />
            ))}
          </Box>
          {items.length > SHOWN && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setExpanded((e) => !e)}
              aria-expanded={expanded}
            >
              {expanded ? 'Show fewer changes' : `Show all ${items.length} changes`}
            </Button>
          )}
        </>
      )}
    </Box>
  );
}
