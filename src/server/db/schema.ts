import type { Generated } from 'kysely';

/**
 * Table types. Every key starts with account_id so the schema distributes by account.
 * Instants are integer epoch milliseconds; JSON columns are text.
 */
export interface AccountsTable {
  id: string;
  name: string;
  primary_profile_id: string | null;
  created_at: number;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_at: number;
  revoked_at: number | null;
}

export interface ContactsTable {
  account_id: string;
  id: string;
  name: string | null;
  /** lower(name) or '' — the name:asc sort key. */
  sort_name: string;
  /** lower(name, email, phone) with full Unicode case folding — what `q` searches. */
  search_text: string;
  email: string | null;
  phone: string | null;
  tags: string;
  assigned_to: string | null;
  dnd: string;
  fields: string;
  created_at: number;
  updated_at: number;
  last_interaction_at: number | null;
  /** The conversation: its latest message by (occurred_at, id), null until the first message event. */
  last_message_at: number | null;
  last_message_id: string | null;
  last_message_channel: string | null;
  last_message_direction: 'inbound' | 'outbound' | null;
  last_message_text: string | null;
  unread_count: number;
}

export interface ContactTagsTable {
  account_id: string;
  tag: string;
  contact_id: string;
}

export interface EventsTable {
  account_id: string;
  contact_id: string;
  occurred_at: number;
  id: string;
  type: string;
  properties: string;
  received_at: number;
}

export interface ProfilesTable {
  account_id: string;
  id: string;
  name: string;
  description: string;
  draft: string;
  live_version: number | null;
  pending_version: number | null;
  created_at: number;
  updated_at: number;
}

export interface ProfileVersionsTable {
  account_id: string;
  profile_id: string;
  version: number;
  definition: string;
  published_at: number;
}

export interface ScoresTable {
  account_id: string;
  profile_id: string;
  version: number;
  contact_id: string;
  score: number;
  raw: number;
  state: Uint8Array;
  next_change_at: number | null;
  /**
   * A publish writes the new version's due instants here, outside the due index, and moves them into
   * next_change_at in its switch transaction: one pass over the index instead of a random insert per
   * contact in every chunk.
   */
  pending_due: number | null;
  updated_at: number;
  /** List attributes copied from the contact so a filtered score-ordered page reads one index. */
  assigned_to: string | null;
  channel: string | null;
  /** 1 once the contact has a message (it is in the conversations list). */
  inbox: number;
  /** 1 while the conversation has unread messages. */
  unread: number;
}

export interface ScoreHistoryTable {
  seq: Generated<number>;
  account_id: string;
  profile_id: string;
  contact_id: string;
  at: number;
  from_score: number | null;
  to_score: number;
  reason: string;
}

export interface AdjustmentsTable {
  account_id: string;
  profile_id: string;
  contact_id: string;
  id: string;
  at: number;
  delta: number;
  note: string | null;
  actor: string;
}

export interface JobsTable {
  id: string;
  account_id: string;
  type: string;
  profile_id: string | null;
  /** The workflow a `workflow.backfill` job applies to existing contacts. */
  workflow_id: string | null;
  /** For `workflow.backfill`: the last score_history seq when it was queued. */
  history_seq: number | null;
  version: number | null;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  done: number;
  total: number;
  cursor: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  /** The process running the job (see jobs.repository.ts) and until when its lease holds. */
  lease_owner: string | null;
  lease_expires_at: number | null;
}

/** The value a non-score sort key had before a change (JSON), so cursors page a stable snapshot. */
export interface ListMovesTable {
  seq: Generated<number>;
  account_id: string;
  contact_id: string;
  sort_key: 'lastMessageAt' | 'createdAt' | 'name';
  /** JSON of the old value; null when the contact was not in the list before (no message yet). */
  old_value: string | null;
  at: number;
}

export interface UsersTable {
  id: string;
  account_id: string;
  name: string;
  /** Lowercased; unique across the installation (sign-in names no account). */
  email: string;
  password_hash: string;
  role: 'admin' | 'member';
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the cookie's token: a leaked database does not leak live sessions. */
  token_hash: string;
  user_id: string;
  account_id: string;
  created_at: number;
  expires_at: number;
}

export interface ViewsTable {
  account_id: string;
  id: string;
  name: string;
  scope: 'conversations' | 'contacts';
  filters: string;
  sort: string;
  created_at: number;
  updated_at: number;
}

export interface InstallationSecretsTable {
  name: string;
  value: string;
}

/** One failed (or still running) sign-in attempt, for the limits per email and per client address. */
export interface SignInAttemptsTable {
  id: string;
  key_hash: string;
  at: number;
}

export interface Database {
  accounts: AccountsTable;
  api_keys: ApiKeysTable;
  contacts: ContactsTable;
  contact_tags: ContactTagsTable;
  events: EventsTable;
  profiles: ProfilesTable;
  profile_versions: ProfileVersionsTable;
  scores: ScoresTable;
  score_history: ScoreHistoryTable;
  adjustments: AdjustmentsTable;
  jobs: JobsTable;
  sign_in_attempts: SignInAttemptsTable;
  list_moves: ListMovesTable;
  users: UsersTable;
  sessions: SessionsTable;
  views: ViewsTable;
  installation_secrets: InstallationSecretsTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  workflow_attempts: WorkflowAttemptsTable;
}

export interface WorkflowsTable {
  account_id: string;
  id: string;
  name: string;
  description: string;
  /** 1 or 0. */
  enabled: number;
  /** The trigger's profile, for finding the workflows a score change may fire. */
  profile_id: string;
  /** JSON: Trigger, WorkflowCondition[], Action[]. */
  trigger: string;
  conditions: string;
  actions: string;
  created_at: number;
  updated_at: number;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface WorkflowRunsTable {
  account_id: string;
  id: string;
  workflow_id: string;
  decision_id: string;
  decision_key: string;
  action_index: number;
  /** JSON: the Action as it was when the decision was made. */
  action: string;
  contact_id: string;
  profile_id: string;
  trigger_type: 'score.changed' | 'score.crossed' | 'tier.changed';
  previous_score: number | null;
  previous_tier: string | null;
  current_score: number;
  current_tier: string;
  /** JSON: the history reason of the change, or {"kind":"existing"}. */
  cause: string;
  /** JSON: workflow ids. */
  chain: string;
  body: string | null;
  status: RunStatus;
  attempts: number;
  /** Attempts made before the last redeliver (retry delays start again from there). */
  retry_base: number;
  next_attempt_at: number | null;
  give_up_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: number;
  finished_at: number | null;
}

export interface WorkflowAttemptsTable {
  account_id: string;
  run_id: string;
  attempt: number;
  at: number;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}
