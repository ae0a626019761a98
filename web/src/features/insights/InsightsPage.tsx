import { BarChart } from '@mantine/charts';
import { Anchor, Box, Card, Container, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useScoreProfile } from '../../api/queries.ts';
import type { Distribution } from '../../api/types.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState, PageLoader, QueryError } from '../../ui/QueryState.tsx';
import { dateTime, scoreText } from '../../ui/format.ts';
import { MoversSection } from './Movers.tsx';
import { TierCards, TierCardsSkeleton } from './TierCards.tsx';
import { MOVER_DAYS, useDistribution, useMovers } from './queries.ts';

function Histogram({ distribution }: { distribution: Distribution }) {
  const data = distribution.histogram.map((b) => ({
    range: b.from === b.to ? scoreText(b.from) : `${scoreText(b.from)}–${scoreText(b.to)}`,
    Contacts: b.count,
  }));
  if (distribution.contacts === 0)
    return (
      <Text size="sm" c="dimmed" py="lg">
        This account has no contacts yet.
      </Text>
    );
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="range"
      series={[{ name: 'Contacts', color: 'blue.6' }]}
      tickLine="none"
      gridAxis="x"
      valueFormatter={(v) => v.toLocaleString()}
      xAxisLabel="Score"
      minBarSize={3}
      yAxisProps={{ width: 56 }}
      aria-label={`Score distribution: ${data.map((d) => `${d.range}: ${d.Contacts}`).join(', ')}`}
      role="img"
    />
  );
}

function Section({
  title,
  description,
  children,
}: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Title order={2} fz="h4" mb={description ? 2 : 'sm'}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      )}
      {children}
    </Box>
  );
}

/** Per profile: how scores are spread, contacts per tier with their actions, and the biggest movers. */
export function InsightsPage() {
  const [params, setParams] = useSearchParams();
  const scoring = useScoreProfile(params.get('profile'));
  const profileId = scoring.profile?.id ?? null;
  const distribution = useDistribution(profileId);
  const movers = useMovers(profileId);

  const picker = scoring.published.length > 0 && (
    <Select
      label="Score profile"
      // Unmounted while closed, so the label names only the input (Mantine 9 keeps the listbox by default).
      comboboxProps={{ keepMounted: false }}
      w={{ base: '100%', xs: 320 }}
      allowDeselect={false}
      data={scoring.published.map((p) => ({
        value: p.id,
        label: p.id === scoring.primaryProfileId ? `${p.name} (primary)` : p.name,
      }))}
      value={profileId}
      onChange={(value) => value && setParams({ profile: value }, { replace: true })}
    />
  );

  return (
    <Container size="xl" py="md">
      <PageHeader
        title="Insights"
        description="How engaged your contacts are, which tier they are in and what to do about it."
        actions={picker}
      />
      {scoring.isPending ? (
        <PageLoader />
      ) : scoring.error ? (
        <QueryError error={scoring.error} />
      ) : !scoring.profile || !profileId ? (
        <Card withBorder radius="md">
          <EmptyState title="No published score profile" icon={<IconChartBar size={32} aria-hidden />}>
            Insights show the scores of a published profile.{' '}
            <Anchor component={Link} to="/settings/scoring">
              Create and publish one in Manage Scoring
            </Anchor>
            .
          </EmptyState>
        </Card>
      ) : (
        <Stack gap="xl">
          <Section
            title="Contacts per tier"
            description={
              distribution.data
                ? `${distribution.data.contacts.toLocaleString()} contacts scored by ${scoring.profile.name}, version ${distribution.data.version} (published ${dateTime(scoring.profile.published.publishedAt)}). Select a tier to see its contacts.`
                : undefined
            }
          >
            {distribution.isPending ? (
              <TierCardsSkeleton />
            ) : distribution.error ? (
              <QueryError error={distribution.error} onRetry={() => void distribution.refetch()} />
            ) : (
              <TierCards distribution={distribution.data} profileId={profileId} />
            )}
          </Section>
          <Section title="Score distribution" description="How many contacts have each score.">
            <Card withBorder radius="md" padding="md">
              {distribution.isPending ? (
                <Skeleton h={260} />
              ) : distribution.error ? (
                <QueryError error={distribution.error} />
              ) : (
                <Histogram distribution={distribution.data} />
              )}
            </Card>
          </Section>
          <Section
            title={`Biggest movers, last ${MOVER_DAYS} days`}
            description="The contacts whose score rose or fell most. Select one to open it."
          >
            <MoversSection movers={movers} tiers={scoring.tiers} profileId={profileId} />
          </Section>
        </Stack>
      )}
    </Container>
  );
}
