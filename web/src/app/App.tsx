import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { setUnauthorizedHandler } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import { queryClient } from './query-client.ts';
import { AppRoutes } from './routes.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

// A 401 on any call means the session ended: forget it and everything read with it, and the router
// shows the sign-in page.
setUnauthorizedHandler(() => {
  queryClient.clear();
  queryClient.setQueryData(keys.session, null);
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          {/* Bottom right: the header's account menu stays reachable while a notice shows. */}
          <Notifications position="bottom-right" />
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
