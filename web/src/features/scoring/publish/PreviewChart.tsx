import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import type { Preview } from '../../../api/types.ts';
import { scoreText } from '../../../ui/format.ts';

/** How many contacts fall in each score range now and under the draft. */
export function PreviewChart({ preview, hasCurrent }: { preview: Preview; hasCurrent: boolean }) {
  const data = preview.histogram.map((b) => ({
    range: b.from === b.to ? scoreText(b.from) : `${scoreText(b.from)}–${scoreText(b.to)}`,
    Current: b.current,
    Draft: b.count,
  }));
  const series = [
    ...(hasCurrent ? [{ name: 'Current', color: 'gray.5', label: 'Current scores' }] : []),
    { name: 'Draft', color: 'blue.6', label: 'With this draft' },
  ];
  const summary = preview.histogram
    .map(
      (b) =>
        `${scoreText(b.from)} to ${scoreText(b.to)}: ${b.count} with the draft${hasCurrent ? `, ${b.current} now` : ''}`,
    )
    .join('; ');
  if (data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        There are no contacts yet, so nothing to compare.
      </Text>
    );
  return (
    <figure style={{ margin: 0 }} aria-label={`Score distribution. ${summary}`}>
      <BarChart
        h={220}
        data={data}
        dataKey="range"
        series={series}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 36 }}
        tickLine="y"
        gridAxis="y"
        xAxisLabel="Score"
        yAxisLabel="Contacts"
        maxBarWidth={28}
        valueFormatter={(v) => v.toLocaleString()}
      />
    </figure>
  );
}
