import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { QueryError } from '../ui/QueryState.tsx';
import { useSession, useSetupStatus } from './session.ts';

/** Shows its routes to a signed-in user; everyone else goes to setup (empty installation) or sign-in. */
export function RequireSession() {
  const location = useLocation();
  const setup = useSetupStatus();
  const session = useSession();
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending || setup.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (session.isError) return <QueryError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return <Outlet />;
}
