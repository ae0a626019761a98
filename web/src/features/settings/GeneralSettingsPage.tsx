import {
  Alert,
  Anchor,
  Button,
  Card,
  Container,
  Group,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useAccount, usePatchAccount, useProfiles } from '../../api/queries.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryState.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { AdminOnlyNotice } from './common.tsx';

function Section({
  title,
  description,
  children,
}: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section">
      <Title order={2} fz="h4">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="md" maw={640}>
        {description}
      </Text>
      {children}
    </Card>
  );
}

function AccountName({ current, canEdit }: { current: string; canEdit: boolean }) {
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const patch = usePatchAccount();
  useEffect(() => setName(current), [current]);
  const changed = name.trim() !== current;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError('The account needs a name');
      return;
    }
    setError(null);
    patch.mutate(
      { name: name.trim() },
      {
        onSuccess: (account) => notifySuccess(`The account is now called ${account.name}`),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 400) setError(e.details[0]?.message ?? e.message);
          else notifyError(e, 'The name was not saved');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Account name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          maxLength={200}
          readOnly={!canEdit}
          w={{ base: '100%', xs: 360 }}
        />
        {canEdit && (
          <Button type="submit" mt={{ base: 0, xs: 25 }} disabled={!changed} loading={patch.isPending}>
            Save name
          </Button>
        )}
      </Group>
    </form>
  );
}

function PrimaryProfile({ current, canEdit }: { current: string | null; canEdit: boolean }) {
  const profiles = useProfiles();
  const patch = usePatchAccount();
  if (profiles.isPending) return <Skeleton h={60} w={360} />;
  if (profiles.error) return <QueryError error={profiles.error} onRetry={() => void profiles.refetch()} />;
  const all = profiles.data;
  const published = all.filter((p) => p.published !== null);
  const currentProfile = all.find((p) => p.id === current);
  const data = published.map((p) => ({ value: p.id, label: p.name }));
  // A primary profile that was returned to draft still shows, so the choice is visible.
  if (currentProfile && !currentProfile.published)
    data.push({ value: currentProfile.id, label: `${currentProfile.name} (not published)` });
  const choose = (id: string | null) => {
    if (!id || id === current) return;
    const name = all.find((p) => p.id === id)?.name ?? 'The profile';
    patch.mutate(
      { primaryProfileId: id },
      {
        onSuccess: () => notifySuccess(`${name} is now the primary profile`),
        onError: (e) => notifyError(e, 'The primary profile was not changed'),
      },
    );
  };
  return (
    <Stack gap="sm">
      <Select
        label="Primary profile"
        // Unmounted while closed, so the label names only the input (Mantine 9 keeps the listbox by default).
        comboboxProps={{ keepMounted: false }}
        placeholder={published.length ? 'Choose a published profile' : 'No published profile yet'}
        data={data}
        value={current}
        onChange={choose}
        allowDeselect={false}
        disabled={!canEdit || published.length === 0 || patch.isPending}
        leftSection={<IconStar size={16} aria-hidden />}
        w={{ base: '100%', xs: 360 }}
        description={patch.isPending ? 'Saving…' : canEdit ? 'Saved as soon as you choose.' : undefined}
      />
      {published.length === 0 && (
        <Text size="sm" c="dimmed">
          Only a published profile can be primary.{' '}
          <Anchor component={Link} to="/settings/scoring">
            Publish one in Manage Scoring
          </Anchor>
          .
        </Text>
      )}
      {currentProfile && !currentProfile.published && (
        <Alert color="yellow" variant="light">
          The primary profile is not published, so lists fall back to another published profile. Publish it or
          choose another one.
        </Alert>
      )}
    </Stack>
  );
}

/** General: the account's name and its primary profile. */
export function GeneralSettingsPage() {
  const { isAdmin, isPending: sessionPending } = useIsAdmin();
  const account = useAccount();
  return (
    <Container size="lg" py="md">
      <PageHeader title="General" description="Settings for the whole account." />
      {!isAdmin && !sessionPending && (
        <AdminOnlyNotice>
          Only admins can change these settings. Ask an admin of this account for changes.
        </AdminOnlyNotice>
      )}
      {account.isPending ? (
        <Stack gap="md">
          <Skeleton h={160} radius="md" />
          <Skeleton h={200} radius="md" />
        </Stack>
      ) : account.error ? (
        <QueryError error={account.error} onRetry={() => void account.refetch()} />
      ) : (
        <Stack gap="lg">
          <Section title="Account" description="The name of your business as people see it in Tally.">
            <AccountName current={account.data.name} canEdit={isAdmin} />
          </Section>
          <Section
            title="Primary profile"
            description={
              <>
                An account can have several score profiles (say, lead engagement and re-engagement). The
                primary one is the score Tally shows, filters and sorts by wherever nobody picks another: the
                inbox, Contacts, Insights, exports, and API requests that name no profile. Other published
                profiles keep scoring every contact and can be picked in those screens.
              </>
            }
          >
            <PrimaryProfile current={account.data.primaryProfileId} canEdit={isAdmin} />
          </Section>
        </Stack>
      )}
    </Container>
  );
}
