import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from '../auth/RequireSession.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { ContactsPage } from '../features/contacts/ContactsPage.tsx';
import { ConversationsPage } from '../features/conversations/ConversationsPage.tsx';
import { InsightsPage } from '../features/insights/InsightsPage.tsx';
import { ProfileEditorPage } from '../features/scoring/ProfileEditorPage.tsx';
import { ProfilesPage } from '../features/scoring/ProfilesPage.tsx';
import { ApiKeysPage } from '../features/settings/ApiKeysPage.tsx';
import { GeneralSettingsPage } from '../features/settings/GeneralSettingsPage.tsx';
import { UsersPage } from '../features/settings/UsersPage.tsx';
import { WorkflowPage } from '../features/workflows/WorkflowPage.tsx';
import { WorkflowsPage } from '../features/workflows/WorkflowsPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Every screen of the app; filters, sort and the selected contact live in each page's query string. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/conversations" replace />} />
          <Route path="conversations" element={<ConversationsPage />} />
          <Route path="contacts" element={<ContactsPage />} />
          <Route path="insights" element={<InsightsPage />} />
          <Route path="workflows" element={<WorkflowsPage />} />
          <Route path="workflows/:workflowId" element={<WorkflowPage />} />
          <Route path="settings">
            <Route index element={<Navigate to="/settings/scoring" replace />} />
            <Route path="scoring" element={<ProfilesPage />} />
            <Route path="scoring/:profileId" element={<ProfileEditorPage />} />
            <Route path="api-keys" element={<ApiKeysPage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="general" element={<GeneralSettingsPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
