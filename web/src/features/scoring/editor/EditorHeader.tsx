import { Anchor, Badge, Box, Button, Group, Text, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconChevronLeft, IconDeviceFloppy, IconRocket } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Profile } from '../../../api/types.ts';
import { StatusBadges } from '../StatusBadge.tsx';
import { ProfileMenu } from '../list/ProfileMenu.tsx';

interface Props {
  profile: Profile;
  name: string;
  canEdit: boolean;
  dirty: boolean;
  changes: string[];
  saving: boolean;
  publishing: boolean;
  isPrimary: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onPublish: () => void;
  onUnpublish: () => void;
}

/** The editor's title and actions; it stays in view while the page scrolls. */
export function EditorHeader(props: Props) {
  const { profile, canEdit, dirty, saving, publishing } = props;
  // On a phone the header would take a quarter of the screen, so it scrolls away there.
  const phone = useMediaQuery('(max-width: 48em)');
  const publishBlocked = dirty ? 'Save your changes first' : publishing ? 'Publishing is under way' : null;
  // Publishing an unchanged draft only recomputes every contact, so it is offered but not urged.
  const upToDate = profile.published !== null && !profile.hasUnpublishedChanges;
  return (
    <Box
      pos={phone ? 'static' : 'sticky'}
      top="var(--app-shell-header-offset, 56px)"
      bg="var(--mantine-color-body)"
      py="sm"
      mb="md"
      style={{ zIndex: 5, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Anchor component={Link} to="/settings/scoring" size="sm" c="dimmed">
        <Group gap={2} component="span">
          <IconChevronLeft size={16} aria-hidden />
          Manage Scoring
        </Group>
      </Anchor>
      <Group justify="space-between" align="center" gap="sm" mt={4} wrap="wrap">
        <Group gap="sm" wrap="wrap" style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 'h3', sm: 'h2' }} style={{ overflowWrap: 'anywhere' }}>
            {props.name.trim() || 'Untitled profile'}
          </Title>
          <StatusBadges profile={profile} />
        </Group>
        {canEdit && (
          <Group gap="xs" wrap="wrap">
            {dirty && (
              <Tooltip label={`Changed: ${props.changes.join(', ')}`} withArrow>
                <Badge color="orange" variant="light" radius="sm" tabIndex={0}>
                  Unsaved changes
                </Badge>
              </Tooltip>
            )}
            {dirty && (
              <Button variant="subtle" color="gray" onClick={props.onDiscard} disabled={saving}>
                Discard
              </Button>
            )}
            <Tooltip label="Save changes (Ctrl+S)" withArrow openDelay={500} disabled={!dirty}>
              <Button
                leftSection={<IconDeviceFloppy size={16} />}
                onClick={props.onSave}
                disabled={!dirty}
                loading={saving}
                variant={dirty ? 'filled' : 'default'}
              >
                Save changes
              </Button>
            </Tooltip>
            <Tooltip
              label={
                publishBlocked ??
                (upToDate
                  ? `The draft matches version ${profile.published?.version}; publishing again recomputes every contact`
                  : 'Preview the effect, then score every contact')
              }
              withArrow
            >
              <Button
                leftSection={<IconRocket size={16} />}
                onClick={props.onPublish}
                disabled={publishBlocked !== null}
                variant={dirty || upToDate ? 'default' : 'filled'}
                color={dirty || upToDate ? undefined : 'teal.9'}
              >
                Publish
              </Button>
            </Tooltip>
            {profile.published && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={props.onUnpublish}
                disabled={publishing}
              >
                Return to draft
              </Button>
            )}
            <ProfileMenu
              profile={profile}
              isPrimary={props.isPrimary}
              afterDelete="/settings/scoring"
              withOpen={false}
            />
          </Group>
        )}
      </Group>
      {canEdit && dirty && (
        <Text size="xs" c="dimmed" mt={4} ta="right">
          Save your changes to publish them.
        </Text>
      )}
    </Box>
  );
}
