import { Anchor, Card, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import type { Profile } from '../../../api/types.ts';
import { dateTime, timeAgo } from '../../../ui/format.ts';
import { StatusBadges } from '../StatusBadge.tsx';
import { PrimaryStar } from './PrimaryStar.tsx';
import { ProfileMenu } from './ProfileMenu.tsx';

interface Props {
  profiles: Profile[];
  primaryId: string | null;
  contactsScored: Map<string, number | undefined>;
  canEdit: boolean;
}

const rulesText = (p: Profile) => `${p.draft.rules.length} rule${p.draft.rules.length === 1 ? '' : 's'}`;

function ContactsScored({ profile, count }: { profile: Profile; count: number | undefined }) {
  if (!profile.published)
    return (
      <Text size="sm" c="dimmed">
        Not scoring
      </Text>
    );
  return <Text size="sm">{count === undefined ? '…' : count.toLocaleString()}</Text>;
}

function Published({ profile }: { profile: Profile }) {
  if (!profile.published)
    return (
      <Text size="sm" c="dimmed">
        Not published
      </Text>
    );
  return (
    <Tooltip label={dateTime(profile.published.publishedAt)} withArrow>
      <Text size="sm" component="time" dateTime={profile.published.publishedAt} tabIndex={0}>
        {timeAgo(profile.published.publishedAt)}
      </Text>
    </Tooltip>
  );
}

function NameLink({ profile }: { profile: Profile }) {
  return (
    <Anchor component={Link} to={`/settings/scoring/${profile.id}`} fw={600} size="sm">
      {profile.name}
    </Anchor>
  );
}

/** The profiles as a table on wide screens and as cards on a phone. */
export function ProfilesTable({ profiles, primaryId, contactsScored, canEdit }: Props) {
  return (
    <>
      <Card withBorder padding={0} radius="md" visibleFrom="sm">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44}>
                  <VisuallyHidden>Primary</VisuallyHidden>
                </Table.Th>
                <Table.Th>Profile</Table.Th>
                <Table.Th miw={190}>Status</Table.Th>
                <Table.Th ta="right">Rules</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  Contacts scored
                </Table.Th>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>Last published</Table.Th>
                {canEdit && (
                  <Table.Th w={52}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {profiles.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <PrimaryStar profile={p} isPrimary={p.id === primaryId} canEdit={canEdit} />
                  </Table.Td>
                  <Table.Td maw={360}>
                    <NameLink profile={p} />
                    {p.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {p.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadges profile={p} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{p.draft.rules.length}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <ContactsScored profile={p} count={contactsScored.get(p.id)} />
                  </Table.Td>
                  <Table.Td>
                    <Published profile={p} />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <ProfileMenu profile={p} isPrimary={p.id === primaryId} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Stack gap="sm" hiddenFrom="sm">
        {profiles.map((p) => (
          <Card key={p.id} withBorder radius="md" padding="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <NameLink profile={p} />
                {p.description && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {p.description}
                  </Text>
                )}
              </div>
              <Group gap={2} wrap="nowrap">
                <PrimaryStar profile={p} isPrimary={p.id === primaryId} canEdit={canEdit} />
                {canEdit && <ProfileMenu profile={p} isPrimary={p.id === primaryId} />}
              </Group>
            </Group>
            <Stack gap={6} mt="sm">
              <StatusBadges profile={p} />
              <Text size="xs" c="dimmed">
                {rulesText(p)} ·{' '}
                {p.published
                  ? `${contactsScored.get(p.id)?.toLocaleString() ?? '…'} contacts scored · published ${timeAgo(p.published.publishedAt)}`
                  : 'not scoring yet'}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
