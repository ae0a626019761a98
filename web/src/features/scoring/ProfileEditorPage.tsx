import { Button, Card, Container, Group, Skeleton, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useAccount } from '../../api/queries.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState, QueryError } from '../../ui/QueryState.tsx';
import { useProfile } from './api.ts';
import { ProfileEditor } from './editor/ProfileEditor.tsx';

function EditorSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading the profile">
      <Skeleton h={40} w="50%" radius="sm" />
      {[140, 260, 200].map((h) => (
        <Card key={h} withBorder radius="md" padding="lg">
          <Skeleton h={h - 40} radius="sm" />
        </Card>
      ))}
    </Stack>
  );
}

/** Settings → Manage Scoring → one profile. */
export function ProfileEditorPage() {
  const { profileId = '' } = useParams();
  const profile = useProfile(profileId);
  const account = useAccount();
  const canEdit = useIsAdmin().isAdmin;
  return (
    <Container size="lg" py="md" pt={0}>
      {profile.isPending ? (
        <div style={{ paddingTop: 16 }}>
          <EditorSkeleton />
        </div>
      ) : profile.error instanceof ApiError && profile.error.status === 404 ? (
        <div style={{ paddingTop: 16 }}>
          <PageHeader title="Profile not found" />
          <Card withBorder radius="md" padding="xl">
            <EmptyState title="This score profile does not exist">
              It may have been deleted, or the link is mistyped.
            </EmptyState>
            <Group justify="center">
              <Button component={Link} to="/settings/scoring" variant="light">
                Back to Manage Scoring
              </Button>
            </Group>
          </Card>
        </div>
      ) : profile.error ? (
        <div style={{ paddingTop: 16 }}>
          <PageHeader title="Score profile" />
          <QueryError error={profile.error} onRetry={() => profile.refetch()} />
        </div>
      ) : (
        <ProfileEditor
          key={profile.data.id}
          profile={profile.data}
          canEdit={canEdit}
          isPrimary={account.data?.primaryProfileId === profile.data.id}
        />
      )}
    </Container>
  );
}
