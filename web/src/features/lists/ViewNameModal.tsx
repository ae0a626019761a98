import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { errorText } from '../../ui/QueryState.tsx';

/** Asks for a view's name: saving a new view or renaming one. */
export function ViewNameModal({
  opened,
  title,
  description,
  initialName = '',
  placeholder,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  description?: string;
  initialName?: string;
  placeholder?: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (opened) {
      setName(initialName);
      setTouched(false);
    }
  }, [opened, initialName]);
  const trimmed = name.trim();
  const invalid =
    touched && !trimmed ? 'Give it a name' : trimmed.length > 100 ? 'At most 100 characters' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!trimmed || trimmed.length > 100) return;
    onSubmit(trimmed);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          <TextInput
            label="Name"
            data-autofocus
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            error={invalid ?? (error ? errorText(error) : null)}
            placeholder={placeholder}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
