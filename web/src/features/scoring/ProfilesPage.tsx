import { Button, Card, Container, Skeleton, Stack, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconPlus } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useAccount, useProfiles } from '../../api/queries.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState, QueryError } from '../../ui/QueryState.tsx';
import { useContactsScored } from './api.ts';
import { CreateProfileModal } from './list/CreateProfileModal.tsx';
import { ProfilesTable } from './list/ProfilesTable.tsx';

/** Settings → Manage Scoring: every score profile of the account. */
export function ProfilesPage() {
  const profiles = useProfiles();
  const account = useAccount();
  const canEdit = useIsAdmin().isAdmin;
  const [creating, { open, close }] = useDisclosure();
  const contactsScored = useContactsScored(profiles.data ?? []);
  const list = [...(profiles.data ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // While a profile publishes, keep its badge current.
  const anyPublishing = list.some((p) => p.publishing && ['queued', 'running'].includes(p.publishing.status));
  const { refetch } = profiles;
  useEffect(() => {
    if (!anyPublishing) return;
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [anyPublishing, refetch]);

  return (
    <Container size="xl" py="md">
      <PageHeader
        title="Manage Scoring"
        description="Score profiles turn what contacts do into an engagement score and a tier your team can act on."
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              New profile
            </Button>
          )
        }
      />
      {profiles.isPending ? (
        <Card withBorder radius="md" padding="md" aria-busy="true" aria-label="Loading profiles">
          <Stack gap="md">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={36} radius="sm" />
            ))}
          </Stack>
        </Card>
      ) : profiles.error ? (
        <QueryError error={profiles.error} onRetry={() => profiles.refetch()} />
      ) : list.length === 0 ? (
        <Card withBorder radius="md" padding="xl">
          <EmptyState
            title="No score profiles yet"
            icon={
              <ThemeIcon size={48} radius="xl" variant="light">
                <IconAdjustmentsHorizontal size={26} />
              </ThemeIcon>
            }
          >
            {canEdit
              ? 'Create a profile, add rules like “+10 when a trigger link is clicked”, then publish it to score every contact.'
              : 'An admin has not set up scoring yet.'}
          </EmptyState>
          {canEdit && (
            <Stack align="center" mt="xs">
              <Button leftSection={<IconPlus size={16} />} onClick={open} variant="light">
                Create your first profile
              </Button>
            </Stack>
          )}
        </Card>
      ) : (
        <ProfilesTable
          profiles={list}
          primaryId={account.data?.primaryProfileId ?? null}
          contactsScored={contactsScored}
          canEdit={canEdit}
        />
      )}
      <CreateProfileModal opened={creating} onClose={close} />
    </Container>
  );
}
