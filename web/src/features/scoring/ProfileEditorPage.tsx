import { Card, Container, Skeleton, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { useAccount } from '../../api/queries.ts';
import type { Profile } from '../../api/types.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryState.tsx';
import { useProfile } from './api.ts';
import { ProfileEditor } from './editor/ProfileEditor.tsx';
import { useIsAdmin } from './use-profile-actions.tsx';

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
  const canEdit = useIsAdmin();
  return (
    <Container size="lg" py="md" pt={0}>
      {profile.isPending ? (
        <div style={{ paddingTop: 16 }}>
          <EditorSkeleton />
        </div>
      ) : profile.error ? (
        <div style={{ paddingTop: 16 }}>
          <PageHeader title="Score profile" />
          <QueryError error={profile.error} onRetry={() => profile.refetch()} />
        </div>
      ) : (
        <ProfileEditor
          key={profile.data.id}
          profile={profile.data as Profile}
          canEdit={canEdit}
          isPrimary={account.data?.primaryProfileId === profile.data.id}
        />
      )}
    </Container>
  );
}
