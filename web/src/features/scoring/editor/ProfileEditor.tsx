import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Profile } from '../../../api/types.ts';
import { notifyError, notifySuccess } from '../../../ui/notify.ts';
import { useUnpublish } from '../api.ts';
import { PublishDialog } from '../publish/PublishDialog.tsx';
import { PublishProgress } from '../publish/PublishProgress.tsx';
import { usePublishing } from '../publish/use-publishing.ts';
import { TiersSection } from '../tiers/TiersSection.tsx';
import { BoundsSection } from './BoundsSection.tsx';
import { DetailsSection } from './DetailsSection.tsx';
import { EditorHeader } from './EditorHeader.tsx';
import { RulesSection } from './RulesSection.tsx';
import { useEditorDraft } from './use-editor-draft.ts';
import { useUnsavedGuard } from './use-unsaved-guard.tsx';

interface Props {
  profile: Profile;
  canEdit: boolean;
  isPrimary: boolean;
}

/** The whole editor: a local draft saved with one PATCH, publish with preview and progress. */
export function ProfileEditor({ profile, canEdit, isPrimary }: Props) {
  const editor = useEditorDraft(profile);
  const publishing = usePublishing(profile);
  const unpublish = useUnpublish(profile.id);
  const [publishOpen, setPublishOpen] = useState(false);
  const readOnly = !canEdit;
  useUnsavedGuard(editor.dirty);

  const save = async () => {
    try {
      const saved = await editor.saveChanges();
      if (saved) notifySuccess('Changes saved. Publish to apply them to scores.');
      else
        notifyError(new Error('Some fields need your attention; they are marked in red.'), 'Not saved yet');
    } catch (error) {
      notifyError(error, 'Your changes were not saved');
    }
  };

  const confirmUnpublish = () =>
    modals.openConfirmModal({
      title: `Return “${profile.name}” to draft?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">
            This profile stops scoring: its scores are hidden in the inbox, contact lists and insights, and
            are no longer kept up to date.
          </Text>
          <Text size="sm">
            Rules, tiers and adjustments are kept. Publish again to bring the scores back.
          </Text>
        </Stack>
      ),
      labels: { confirm: 'Unpublish', cancel: 'Keep published' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        unpublish.mutate(undefined, {
          onSuccess: () => notifySuccess(`“${profile.name}” is a draft again; its scores are hidden`),
          onError: (error) => notifyError(error, 'The profile is still published'),
        }),
    });

  // Ctrl+S / ⌘S saves, from anywhere in the editor (inputs included).
  useHotkeys(
    [
      [
        'mod+S',
        () => {
          if (canEdit && editor.dirty && !editor.saving) void save();
        },
      ],
    ],
    [],
  );

  const hasRuleProblems = Object.keys(editor.errors).some((path) => path.startsWith('rules.'));
  return (
    <>
      <EditorHeader
        profile={profile}
        name={editor.draft.name}
        canEdit={canEdit}
        dirty={editor.dirty}
        changes={editor.changes}
        saving={editor.saving}
        publishing={publishing.isRunning}
        isPrimary={isPrimary}
        onSave={save}
        onDiscard={editor.discard}
        onPublish={() => {
          publishing.reset();
          setPublishOpen(true);
        }}
        onUnpublish={confirmUnpublish}
      />
      <Stack gap="md" pb="xl">
        {readOnly && (
          <Alert icon={<IconLock size={18} />} color="gray" variant="light">
            You can read this profile. Only admins can change its rules, tiers and score range, or publish it.
          </Alert>
        )}
        {hasRuleProblems && (
          <Alert icon={<IconAlertTriangle size={18} />} color="red" variant="light">
            Some rules were not accepted; they are marked below. Edit them and save again.
          </Alert>
        )}
        {publishing.job && !publishOpen && publishing.isRunning && (
          <Card withBorder radius="md" padding="md">
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm">
                Publishing
              </Text>
              <Button size="compact-sm" variant="subtle" onClick={() => setPublishOpen(true)}>
                Details
              </Button>
            </Group>
            <PublishProgress job={publishing.job} version={publishing.version ?? undefined} />
          </Card>
        )}
        <DetailsSection editor={editor} readOnly={readOnly} />
        <RulesSection editor={editor} readOnly={readOnly} />
        <TiersSection editor={editor} readOnly={readOnly} />
        <BoundsSection editor={editor} readOnly={readOnly} />
      </Stack>
      {canEdit && (
        <PublishDialog
          profile={profile}
          opened={publishOpen}
          onClose={() => setPublishOpen(false)}
          onConfirm={publishing.start}
          confirming={publishing.starting}
          job={publishOpen ? publishing.job : null}
          version={publishing.version}
        />
      )}
    </>
  );
}
