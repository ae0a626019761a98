import { Table, Text } from '@mantine/core';
import type { Preview } from '../../../api/types.ts';
import { TierBadge } from '../../../ui/ScoreBadge.tsx';
import { signedPoints } from '../rule-sentences.ts';

/** Contacts per tier now and with the draft. */
export function TierChangesTable({ preview, hasCurrent }: { preview: Preview; hasCurrent: boolean }) {
  const tiers = preview.tiers.map((t) => ({ name: t.name }));
  return (
    <Table verticalSpacing={6} withTableBorder withColumnBorders={false} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Tier</Table.Th>
          {hasCurrent && <Table.Th ta="right">Now</Table.Th>}
          <Table.Th ta="right">Draft</Table.Th>
          {hasCurrent && <Table.Th ta="right">Change</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.tiers.map((t) => {
          const delta = t.proposed - t.current;
          return (
            <Table.Tr key={t.name}>
              <Table.Td miw={110}>
                <TierBadge tier={t.name} tiers={tiers} />
              </Table.Td>
              {hasCurrent && <Table.Td ta="right">{t.current.toLocaleString()}</Table.Td>}
              <Table.Td ta="right" fw={600}>
                {t.proposed.toLocaleString()}
              </Table.Td>
              {hasCurrent && (
                <Table.Td ta="right">
                  <Text
                    size="sm"
                    c={
                      delta > 0
                        ? 'var(--mantine-color-teal-light-color)'
                        : delta < 0
                          ? 'var(--mantine-color-red-light-color)'
                          : 'dimmed'
                    }
                    span
                  >
                    {delta === 0 ? '—' : signedPoints(delta)}
                  </Text>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
