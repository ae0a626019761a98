import {
  ActionIcon,
  Avatar,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Select,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconMail, IconPhone, IconUser, IconX } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useScoreProfile, useUsers } from '../../api/queries.ts';
import { EmptyState, QueryError } from '../../ui/QueryState.tsx';
import { displayName, initials } from '../../ui/format.ts';
import { describeRuleSentence } from '../scoring/rule-sentences.ts';
import { EventsSection } from './EventsSection.tsx';
import { HistorySection } from './HistorySection.tsx';
import { ScoreCard, ScoreSkeleton, WhySection } from './ScoreSection.tsx';
import { UpdateScoreModal } from './UpdateScoreModal.tsx';
import type { ReasonContext } from './labels.ts';
import { useApiKeyNames, useContact, useContactEvents, useContactScore, useScoreHistory } from './queries.ts';

export interface ContactPanelProps {
  contactId: string;
  /** The profile whose score the panel shows (the list's profile). */
  profileId: string | null;
  onClose: () => void;
}

function CloseButton({ onClose }: { onClose: () => void }) {
  return (
    <Tooltip label="Close" withArrow>
      <ActionIcon variant="subtle" color="gray" size="lg" aria-label="Close contact" onClick={onClose}>
        <IconX size={20} />
      </ActionIcon>
    </Tooltip>
  );
}

/** The selected contact: score, tier and action, why, history, recent events, Update score. */
export function ContactPanel({ contactId, profileId, onClose }: ContactPanelProps) {
  // The list's profile, unless the person picks another published one here.
  // The choice is forgotten when the list moves to another profile.
  const [choice, setChoice] = useState<{ listProfile: string | null; id: string } | null>(null);
  const picked = choice && choice.listProfile === profileId ? choice.id : null;
  const setPicked = (id: string) => setChoice({ listProfile: profileId, id });
  const scoring = useScoreProfile(picked ?? profileId);
  // With no profile from the list, the account's primary (or first published) one; null when none is published.
  const activeProfileId = scoring.profile?.id ?? null;
  const contact = useContact(contactId);
  const score = useContactScore(contactId, activeProfileId);
  const history = useScoreHistory(contactId, activeProfileId);
  const events = useContactEvents(contactId);
  const users = useUsers();
  const needsKeys = (history.data?.items ?? []).some((h) => h.reason.apiKeyId);
  const apiKeys = useApiKeyNames(needsKeys);
  const [updating, updateModal] = useDisclosure(false);

  const definition = scoring.profile?.published.definition;
  const ctx = useMemo<ReasonContext>(() => {
    const rules = new Map((definition?.rules ?? []).map((r) => [r.id, r]));
    const breakdown = new Map((score.data?.breakdown ?? []).map((b) => [b.ruleId, b.description]));
    const eventTypes = new Map(
      (events.data?.pages ?? []).flatMap((p) => p.items).map((e) => [e.id, e.type] as const),
    );
    return {
      rule: (id) => {
        const rule = rules.get(id);
        const name = rule?.description || breakdown.get(id) || (rule && describeRuleSentence(rule));
        if (!name) return undefined;
        return { name, eventType: rule?.kind === 'event' ? rule.eventType : undefined };
      },
      userName: (id) => users.data?.find((u) => u.id === id)?.name,
      apiKeyName: (id) => apiKeys.data?.find((k) => k.id === id)?.name,
      eventType: (id) => eventTypes.get(id),
    };
  }, [definition, score.data, events.data, users.data, apiKeys.data]);

  if (contact.error) {
    const gone = contact.error instanceof ApiError && contact.error.status === 404;
    return (
      <Box component="section" aria-label="Contact panel" p="md">
        <Group justify="flex-end">
          <CloseButton onClose={onClose} />
        </Group>
        {gone ? (
          <EmptyState title="Contact not found">
            This contact does not exist any more; it may have been erased.
          </EmptyState>
        ) : (
          <QueryError error={contact.error} onRetry={() => void contact.refetch()} />
        )}
      </Box>
    );
  }

  const c = contact.data;
  const name = c ? displayName(c) : contactId;
  const assignee = c?.assignedTo ? users.data?.find((u) => u.id === c.assignedTo) : undefined;

  return (
    <Box
      component="section"
      aria-label="Contact panel"
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}
    >
      <Box p="md" pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar color="initials" name={name} radius="xl" size={44} aria-hidden>
              {initials(name)}
            </Avatar>
            <Box style={{ minWidth: 0 }}>
              {c ? (
                <Title order={2} fz="lg" lh={1.3} style={{ overflowWrap: 'anywhere' }}>
                  {name}
                </Title>
              ) : (
                <Skeleton h={22} w={160} />
              )}
              {c && (
                <Stack gap={0} mt={2}>
                  {c.email && (
                    <Group gap={4} wrap="nowrap">
                      <IconMail size={14} aria-hidden color="var(--mantine-color-dimmed)" />
                      <Text size="sm" c="dimmed" component="a" href={`mailto:${c.email}`} truncate>
                        {c.email}
                      </Text>
                    </Group>
                  )}
                  {c.phone && (
                    <Group gap={4} wrap="nowrap">
                      <IconPhone size={14} aria-hidden color="var(--mantine-color-dimmed)" />
                      <Text size="sm" c="dimmed" component="a" href={`tel:${c.phone}`}>
                        {c.phone}
                      </Text>
                    </Group>
                  )}
                </Stack>
              )}
            </Box>
          </Group>
          <CloseButton onClose={onClose} />
        </Group>
        {c && (
          <Group gap={6} mt="xs" wrap="wrap">
            <Badge
              variant="outline"
              color={assignee ? 'blue' : 'gray'}
              size="sm"
              leftSection={<IconUser size={12} aria-hidden />}
              tt="none"
            >
              {assignee
                ? `Assigned to ${assignee.name}`
                : c.assignedTo
                  ? 'Assigned to a former user'
                  : 'Unassigned'}
            </Badge>
            {c.tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray" size="sm" tt="none">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Box>

      <Stack gap="lg" p="md" style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
        {scoring.published.length > 1 && (
          <Select
            label="Score profile"
            // Unmounted while closed, so the label names only the input (Mantine 9 keeps the listbox by default).
            comboboxProps={{ keepMounted: false }}
            size="xs"
            allowDeselect={false}
            data={scoring.published.map((p) => ({ value: p.id, label: p.name }))}
            value={activeProfileId}
            onChange={(value) => value && setPicked(value)}
          />
        )}
        {activeProfileId === null && !scoring.isPending ? (
          <EmptyState title="No published score profile">
            Scores appear here once a score profile is published. Create and publish one in Settings → Manage
            Scoring.
          </EmptyState>
        ) : score.error ? (
          <QueryError error={score.error} onRetry={() => void score.refetch()} />
        ) : !score.data || !definition || activeProfileId === null ? (
          <ScoreSkeleton />
        ) : (
          <>
            <ScoreCard
              score={score.data}
              tiers={definition.tiers}
              minScore={definition.minScore}
              maxScore={definition.maxScore}
              action={
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<IconAdjustments size={16} aria-hidden />}
                  onClick={updateModal.open}
                >
                  Update score
                </Button>
              }
            />
            <WhySection score={score.data} />
            <Divider />
            <HistorySection
              contactId={contactId}
              profileId={activeProfileId}
              current={score.data.score}
              ctx={ctx}
            />
            <UpdateScoreModal
              opened={updating}
              onClose={updateModal.close}
              contactId={contactId}
              contactName={name}
              profileId={activeProfileId}
              score={score.data}
              bounds={definition}
            />
          </>
        )}
        <Divider />
        <EventsSection events={events} />
      </Stack>
    </Box>
  );
}
