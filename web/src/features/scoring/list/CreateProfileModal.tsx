import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { notifyError } from '../../../ui/notify.ts';
import { useCreateProfile } from '../api.ts';

/** New profile: a name and a description; the editor opens on the new draft (default tiers). */
export function CreateProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateProfile();
  const navigate = useNavigate();

  useEffect(() => {
    if (opened) {
      setName('');
      setDescription('');
      setErrors({});
    }
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setErrors({ name: 'Give the profile a name' });
    if (trimmed.length > 200) return setErrors({ name: 'Use at most 200 characters' });
    if (description.length > 2000) return setErrors({ description: 'Use at most 2,000 characters' });
    create.mutate(
      { name: trimmed, ...(description.trim() && { description: description.trim() }) },
      {
        onSuccess: (profile) => {
          onClose();
          navigate(`/settings/scoring/${profile.id}`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.details.length)
            setErrors(Object.fromEntries(error.details.map((d) => [d.path, d.message])));
          else notifyError(error, 'The profile was not created');
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New score profile" size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            A profile is a set of rules that gives every contact a score. It starts as a draft with the
            default tiers; add rules, then publish it to score your contacts.
          </Text>
          <TextInput
            label="Name"
            placeholder="Lead Engagement Score"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <Textarea
            label="Description"
            placeholder="What this score measures and who uses it"
            autosize
            minRows={2}
            maxRows={5}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
