import { Button, Group, Modal, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { UserCreate } from '../../api/types.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { sentence } from './common.tsx';

type Field = 'name' | 'email' | 'password' | 'role';
const EMPTY: UserCreate = { name: '', email: '', password: '', role: 'member' };

/** Add user: name, email, a first password (at least 10 characters) and a role. */
export function AddUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState<UserCreate>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const set = (field: Field, value: string) => setForm((f) => ({ ...f, [field]: value }));
  const create = useMutation({
    mutationFn: (body: UserCreate) => call('POST /users', { body }),
    onSuccess: (user) => {
      void client.invalidateQueries({ queryKey: keys.users });
      notifySuccess(`${user.name} can now sign in with ${user.email}`);
      close();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        setErrors({ email: sentence(error.explanation) });
      else if (error instanceof ApiError && error.details.length) {
        const found: Partial<Record<Field, string>> = {};
        for (const d of error.details) {
          const field = d.path.split('.')[0] as Field;
          if (['name', 'email', 'password', 'role'].includes(field)) found[field] ??= sentence(d.message);
        }
        setErrors(found);
      } else notifyError(error, 'The user was not added');
    },
  });

  function close() {
    onClose();
    setTimeout(() => {
      setForm(EMPTY);
      setErrors({});
    }, 200);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!form.name.trim()) found.name = 'Enter their name';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) found.email = 'Enter an email address';
    if (form.password.trim().length < 10) found.password = 'Use at least 10 characters';
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate({ ...form, name: form.name.trim(), email: form.email.trim() });
  }

  return (
    <Modal opened={opened} onClose={close} title="Add user" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            autoComplete="off"
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            maxLength={200}
            required
            data-autofocus
          />
          <TextInput
            label="Email"
            description="They sign in with it. One address belongs to one user."
            type="email"
            autoComplete="off"
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
            required
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters. Share it with them safely."
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            required
          />
          <Radio.Group
            label="Role"
            value={form.role}
            onChange={(value) => set('role', value)}
            error={errors.role}
          >
            <Stack gap="xs" mt={6}>
              <Radio
                value="member"
                label="Member"
                description="Works the inbox and contacts, adjusts scores."
              />
              <Radio
                value="admin"
                label="Admin"
                description="Also manages scoring, API keys, users and account settings."
              />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
