import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, call } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { AuthCard } from './AuthCard.tsx';
import { safeNext } from './safe-next.ts';
import { useSession, useSetupStatus } from './session.ts';

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const setup = useSetupStatus();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => call('POST /session', { body: { email: email.trim(), password } }),
    onSuccess: (data) => {
      // Nothing read as someone else stays in the cache.
      client.clear();
      client.setQueryData(keys.session, data);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const error = signIn.error;
  return (
    <AuthCard title="Sign in" subtitle="Welcome back. Sign in to see who is engaging.">
      <form onSubmit={submit}>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {error instanceof ApiError && error.status === 401
                ? 'That email and password do not match an account.'
                : error instanceof ApiError
                  ? error.explanation
                  : String(error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
