// Every API call the web app makes, keyed "METHOD /path" exactly as /api/v1/openapi.json names it.
// test/web/api-contract.test.ts checks each key against the served OpenAPI document, so a route that
// moves or disappears fails the suite instead of the browser.
import type {
  Account,
  Adjustment,
  ApiKey,
  ApiKeyCreated,
  Contact,
  ContactUpsert,
  Distribution,
  HistoryItem,
  Job,
  ListFilters,
  ListItem,
  ListSort,
  Movers,
  Page,
  Preview,
  Profile,
  ProfileCreate,
  ProfilePatch,
  Rule,
  RuleInput,
  Score,
  Session,
  SessionCreate,
  Setup,
  SetupStatus,
  TimelineEvent,
  User,
  UserCreate,
  View,
  ViewCreate,
  ViewPatch,
  Workflow,
  WorkflowCreate,
  WorkflowPatch,
  WorkflowRun,
  WorkflowRunStatus,
} from './types.ts';

interface PageQuery {
  limit?: number;
  cursor?: string;
}
type ListQuery = Omit<ListFilters, 'unread'> & PageQuery & { sort?: ListSort; unread?: 'true' };
type RunQuery = PageQuery & { status?: WorkflowRunStatus };

/** For each endpoint: its query, body and response types (path parameters come from the key). */
export interface Endpoints {
  'GET /setup': { response: SetupStatus };
  'POST /setup': { body: Setup; response: Session };
  'GET /session': { response: Session };
  'POST /session': { body: SessionCreate; response: Session };
  'DELETE /session': { response: undefined };

  'GET /account': { response: Account };
  'PATCH /account': { body: { name?: string; primaryProfileId?: string | null }; response: Account };
  'GET /api-keys': { query: PageQuery; response: Page<ApiKey> };
  'POST /api-keys': { body: { name: string }; response: ApiKeyCreated };
  'DELETE /api-keys/{id}': { response: undefined };
  'GET /users': { query: PageQuery; response: Page<User> };
  'POST /users': { body: UserCreate; response: User };
  'DELETE /users/{id}': { response: undefined };

  'GET /profiles': { query: PageQuery; response: Page<Profile> };
  'POST /profiles': { body: ProfileCreate; response: Profile };
  'GET /profiles/{id}': { response: Profile };
  'PATCH /profiles/{id}': { body: ProfilePatch; response: Profile };
  'DELETE /profiles/{id}': { response: undefined };
  'POST /profiles/{id}/rules': { body: RuleInput; response: Rule };
  'PATCH /profiles/{id}/rules/{ruleId}': { body: Partial<RuleInput>; response: Rule };
  'DELETE /profiles/{id}/rules/{ruleId}': { response: undefined };
  'POST /profiles/{id}/publish': { response: { version: number; job: Job } };
  'POST /profiles/{id}/unpublish': { response: Profile };
  'GET /profiles/{id}/preview': { response: Preview };
  'GET /profiles/{id}/distribution': { response: Distribution };
  'GET /profiles/{id}/movers': { query: { days?: number; limit?: number }; response: Movers };
  'GET /jobs/{id}': { response: Job };

  'GET /conversations': { query: ListQuery; response: Page<ListItem> };
  'POST /conversations/{contactId}/read': { response: undefined };
  'GET /contacts': { query: ListQuery; response: Page<ListItem> };
  'GET /contacts/{id}': { response: Contact };
  'PUT /contacts/{id}': { body: ContactUpsert; response: Contact };
  'GET /contacts/{id}/events': { query: PageQuery & { type?: string }; response: Page<TimelineEvent> };
  'GET /contacts/{id}/scores/{profileId}': { query: { at?: string }; response: Score };
  'GET /contacts/{id}/scores/{profileId}/history': { query: PageQuery; response: Page<HistoryItem> };
  'POST /contacts/{id}/scores/{profileId}/adjustments': { body: Adjustment; response: Score };

  'GET /views': { query: PageQuery & { scope?: 'conversations' | 'contacts' }; response: Page<View> };
  'POST /views': { body: ViewCreate; response: View };
  'PATCH /views/{id}': { body: ViewPatch; response: View };
  'DELETE /views/{id}': { response: undefined };

  'GET /workflows': { query: PageQuery; response: Page<Workflow> };
  'POST /workflows': { body: WorkflowCreate; response: Workflow };
  'GET /workflows/{id}': { response: Workflow };
  'PATCH /workflows/{id}': { body: WorkflowPatch; response: Workflow };
  'DELETE /workflows/{id}': { response: undefined };
  'GET /workflows/{id}/runs': { query: RunQuery; response: Page<WorkflowRun> };
  'POST /workflows/{id}/runs/{runId}/redeliver': { response: WorkflowRun };
}

export type EndpointKey = keyof Endpoints;
