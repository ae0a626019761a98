import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, call } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { AuthCard } from './AuthCard.tsx';
import { useSetupStatus } from './session.ts';

/** First start of an empty installation: create the account and its first admin. */
export function SetupPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const setup = useSetupStatus();
  const [form, setForm] = useState({ accountName: '', name: '', email: '', password: '' });
  const create = useMutation({
    mutationFn: () =>
      call('POST /setup', {
        body: {
          accountName: form.accountName.trim(),
          name: form.name.trim(),
          email: form.email.trim(),
          password: form.password,
        },
      }),
    onSuccess: (session) => {
      client.setQueryData(keys.setup, { needed: false });
      client.setQueryData(keys.session, session);
      navigate('/settings/scoring', { replace: true });
    },
  });
  if (setup.data && !setup.data.needed) return <Navigate to="/signin" replace />;
  const fieldError = (field: string) =>
    create.error instanceof ApiError
      ? create.error.details.find((d) => d.path === field)?.message
      : undefined;
  const set = (field: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [field]: e.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <AuthCard
      title="Set up Tally"
      subtitle="This installation is empty. Create your workspace and its first admin."
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {create.error && !(create.error instanceof ApiError && create.error.details.length) && (
            <Alert color="red" role="alert">
              {create.error instanceof ApiError ? create.error.explanation : String(create.error)}
            </Alert>
          )}
          <TextInput
            label="Workspace name"
            description="Your business or team"
            required
            autoFocus
            value={form.accountName}
            onChange={set('accountName')}
            error={fieldError('accountName')}
          />
          <TextInput
            label="Your name"
            required
            value={form.name}
            onChange={set('name')}
            error={fieldError('name')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={form.email}
            onChange={set('email')}
            error={fieldError('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            value={form.password}
            onChange={set('password')}
            error={fieldError('password')}
          />
          <Button type="submit" loading={create.isPending} fullWidth mt="xs">
            Create workspace
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
