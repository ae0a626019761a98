import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { ApiKeyCreated } from '../../api/types.ts';
import { notifyError } from '../../ui/notify.ts';

/** Create API key: a name, then the key itself — shown this once, with a copy button. */
export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const create = useMutation({
    mutationFn: (keyName: string) => call('POST /api-keys', { body: { name: keyName } }),
    onSuccess: (key) => {
      setCreated(key);
      void client.invalidateQueries({ queryKey: keys.apiKeys });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) setError(e.details[0]?.message ?? e.message);
      else notifyError(e, 'The key was not created');
    },
  });

  const close = () => {
    onClose();
    // Forget the secret once the dialog is gone.
    setTimeout(() => {
      setName('');
      setError(null);
      setCreated(null);
      create.reset();
    }, 200);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the key a name, e.g. the system that will use it');
      return;
    }
    setError(null);
    create.mutate(trimmed);
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Your new API key' : 'Create API key'}
      centered
      size="lg"
      // The key is shown once: only "Done" closes the dialog while it is on screen.
      closeOnClickOutside={!created}
      closeOnEscape={!created}
      withCloseButton={!created}
    >
      {created ? (
        <Stack gap="md">
          <Alert
            color="yellow"
            variant="light"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="Copy it now"
          >
            This is the only time Tally shows this key. Store it somewhere safe, such as your password manager
            or your server's secrets. If it is lost, revoke it and create a new one.
          </Alert>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={`API key “${created.name}”`}
              value={created.key}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1, minWidth: 0 }}
            />
            <CopyButton value={created.key}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  aria-live="polite"
                >
                  {copied ? 'Copied' : 'Copy key'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            Send it as <code>Authorization: Bearer &lt;key&gt;</code>. A key acts with admin rights on this
            account.
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="Name"
              description="What will use this key, so you know which one to revoke later."
              placeholder="e.g. Website forms, Billing sync"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              maxLength={200}
              data-autofocus
              required
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
