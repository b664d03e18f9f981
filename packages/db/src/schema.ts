import type { Locale } from '@hubspoke/i18n';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types of the migrated database, written next to the migrations they mirror. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;

export type Role = 'participant' | 'tutor' | 'moderator' | 'admin';
export type { Locale };
export type EnteKind = 'comune' | 'provincia' | 'citta_metropolitana' | 'regione' | 'altro';
export type TableKind = 'lab' | 'regional' | 'interregional';
export type TableVisibility = 'members' | 'participants';

export interface EntiTable {
  id: Id;
  name: string;
  kind: EnteKind;
  region: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Id;
  email: string;
  handle: string;
  display_name: string;
  role: Role;
  ente_id: number | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  password_hash: string;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  last_seen_at: Date | null;
  previous_visit_at: Date | null;
  digest: ColumnType<DigestFrequency, DigestFrequency | undefined, DigestFrequency>;
  digest_hour: ColumnType<number, number | undefined, number>;
  digest_weekday: ColumnType<number, number | undefined, number>;
  timezone: ColumnType<string, string | undefined, string>;
  digest_skip_if_active: ColumnType<boolean, boolean | undefined, boolean>;
  email_mentions: ColumnType<EmailChoice, EmailChoice | undefined, EmailChoice>;
  email_replies: ColumnType<EmailChoice, EmailChoice | undefined, EmailChoice>;
  email_watched: ColumnType<EmailChoice, EmailChoice | undefined, EmailChoice>;
  email_tutoring: ColumnType<EmailChoice, EmailChoice | undefined, EmailChoice>;
  /** Set by an admin: no sign-in, no sessions or tokens; content kept; reversible. */
  deactivated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The person's data is gone; the row stays pseudonymised ("ex partecipante N"). */
  erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Whether others may start private conversations with the person (moderators and admins always may). */
  accepts_messages: ColumnType<boolean, boolean | undefined, boolean>;
}

export type DigestFrequency = 'off' | 'daily' | 'weekly';
export type EmailChoice = 'immediately' | 'digest' | 'never';

export interface DigestSendsTable {
  user_id: number;
  period: string;
  status: 'sending' | 'sent' | 'empty' | 'skipped';
  claimed_at: Timestamp;
  sent_at: Date | null;
  message_id: string | null;
  covers_from: Timestamp;
  covers_to: Timestamp;
}

/** The provider's (issuer, subject) pair of a person signing in through OpenID Connect. */
export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: number;
  created_at: Timestamp;
  last_login_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface FocusAreasTable {
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
  position: number;
}

export interface DimensionsTable {
  slug: string;
  name_it: string;
  name_en: string;
  position: number;
}

export interface TablesTable {
  id: Id;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  kind: TableKind;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  visibility: TableVisibility;
  ente_id: number | null;
  created_at: Timestamp;
}

export interface TableMembersTable {
  table_id: number;
  user_id: number;
  created_at: Timestamp;
}

/** A view: table members and the tutors in the table's pool, the relation every permission check reads. */
export interface TableParticipantsView {
  table_id: number;
  user_id: number;
}

export interface InvitationsTable {
  id: Id;
  email: string;
  role: Role;
  ente_id: number | null;
  table_ids: ColumnType<number[], number[] | undefined, number[]>;
  token_hash: string;
  invited_by: number | null;
  expires_at: Timestamp;
  accepted_at: Date | null;
  /** Taken back by an admin, or replaced by a newer invitation to the same address. */
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface PasswordResetsTable {
  id: Id;
  user_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Id;
  template: string;
  recipient: string;
  locale: Locale;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  sent_at: Date | null;
  message_id: string | null;
  attempts: ColumnType<number, number | undefined, number>;
}

export interface AuditLogTable {
  id: Id;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export type ThreadKind = 'discussion' | 'question' | 'announcement';
export type WatchLevel = 'watching' | 'normal' | 'muted';

export interface ThreadsTable {
  id: Id;
  table_id: number;
  focus_area: string;
  dimension: string | null;
  kind: ThreadKind;
  title: string;
  author_id: number;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  locked: ColumnType<boolean, boolean | undefined, boolean>;
  last_post_number: ColumnType<number, number | undefined, number>;
  post_count: ColumnType<number, number | undefined, number>;
  participant_count: ColumnType<number, number | undefined, number>;
  last_poster_id: number | null;
  last_activity_at: Timestamp;
  created_at: Timestamp;
  question_status: QuestionStatus | null;
  assigned_tutor_id: number | null;
  assigned_at: Date | null;
  first_tutor_reply_at: Date | null;
  accepted_post_id: number | null;
  /** Slow mode: each person posts here at most once every this many minutes (moderators excepted). */
  slow_mode_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  resolved_at: Date | null;
  reminded_at: Date | null;
  escalated_at: Date | null;
  document_version_id: number | null;
  /** The unpublished document this thread is about: until it is published, so is the thread. */
  draft_document_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export type QuestionStatus = 'open' | 'answered' | 'resolved';

export interface TutorPoolsTable {
  id: Id;
  tutor_id: number;
  table_id: number | null;
  focus_area: string | null;
  created_at: Timestamp;
}

export interface PostsTable {
  id: Id;
  thread_id: number;
  number: number;
  author_id: number;
  reply_to_post_id: number | null;
  body: string;
  body_html: string;
  like_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  edited_at: Date | null;
  deleted_at: Date | null;
  deleted_by: number | null;
  hidden_at: Date | null;
  hidden_by: number | null;
  search_vector: ColumnType<string, unknown, unknown>;
}

export interface PostRevisionsTable {
  id: Id;
  post_id: number;
  body: string;
  body_html: string;
  editor_id: number | null;
  written_at: Timestamp;
  replaced_at: Timestamp;
}

export interface PostReactionsTable {
  post_id: number;
  user_id: number;
  kind: 'like';
  created_at: Timestamp;
}

export interface PostMentionsTable {
  post_id: number;
  user_id: number;
}

export interface ThreadParticipantsTable {
  thread_id: number;
  user_id: number;
  post_count: ColumnType<number, number | undefined, number>;
}

/**
 * Kept by triggers on `threads`: per table, the threads not bound to a draft whose latest activity
 * falls in each 30-day `bucket` (`thread_activity_bucket(last_activity_at)`).
 */
export interface ThreadActivityCountsTable {
  table_id: number;
  bucket: number;
  threads: number;
}

export interface ThreadReadsTable {
  user_id: number;
  thread_id: number;
  last_read_post_number: number;
  updated_at: Timestamp;
}

export interface BookmarksTable {
  user_id: number;
  thread_id: number;
  created_at: Timestamp;
}

export interface ThreadSubscriptionsTable {
  user_id: number;
  thread_id: number;
  level: WatchLevel;
  updated_at: Timestamp;
}

export interface TableSubscriptionsTable {
  user_id: number;
  table_id: number;
  level: WatchLevel;
  updated_at: Timestamp;
}

export interface FocusAreaSubscriptionsTable {
  user_id: number;
  focus_area: string;
  level: WatchLevel;
  updated_at: Timestamp;
}

export interface FlagsTable {
  id: Id;
  post_id: number;
  user_id: number;
  reason: string;
  status: ColumnType<'open' | 'resolved', 'open' | 'resolved' | undefined, 'open' | 'resolved'>;
  resolution: 'hide' | 'dismiss' | null;
  resolved_by: number | null;
  resolved_at: Date | null;
  created_at: Timestamp;
}

export interface EventsTable {
  id: Id;
  name: string;
  rooms: string[];
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  relayed_at: Date | null;
}

export type NotificationKind =
  | 'mention'
  | 'reply'
  | 'watched_reply'
  | 'new_thread'
  | 'document_status'
  | 'question_assigned'
  | 'question_reminder'
  | 'question_escalated'
  | 'tutor_answer'
  | 'answer_accepted'
  | 'asker_followup'
  | 'moderated'
  | 'survey_open'
  | 'session_reminder'
  | 'conversation_message'
  | 'conversation_flag';

export interface NotificationsTable {
  id: Id;
  user_id: number;
  kind: NotificationKind;
  event_id: number;
  thread_id: number | null;
  post_id: number | null;
  actor_id: number | null;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface DB {
  enti: EntiTable;
  users: UsersTable;
  sessions: SessionsTable;
  oidc_identities: OidcIdentitiesTable;
  api_tokens: ApiTokensTable;
  focus_areas: FocusAreasTable;
  dimensions: DimensionsTable;
  tables: TablesTable;
  table_members: TableMembersTable;
  table_participants: TableParticipantsView;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  threads: ThreadsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  post_reactions: PostReactionsTable;
  post_mentions: PostMentionsTable;
  thread_participants: ThreadParticipantsTable;
  thread_reads: ThreadReadsTable;
  thread_activity_counts: ThreadActivityCountsTable;
  bookmarks: BookmarksTable;
  thread_subscriptions: ThreadSubscriptionsTable;
  table_subscriptions: TableSubscriptionsTable;
  focus_area_subscriptions: FocusAreaSubscriptionsTable;
  flags: FlagsTable;
  events: EventsTable;
  notifications: NotificationsTable;
  digest_sends: DigestSendsTable;
  tutor_pools: TutorPoolsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_transitions: DocumentTransitionsTable;
  document_followers: DocumentFollowersTable;
  rate_limit_counters: RateLimitCountersTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  consent_versions: ConsentVersionsTable;
  consent_records: ConsentRecordsTable;
  surveys: SurveysTable;
  survey_tables: SurveyTablesTable;
  survey_responses: SurveyResponsesTable;
  survey_response_changes: SurveyResponseChangesTable;
  survey_answer_items: SurveyAnswerItemsTable;
  site_pages: SitePagesTable;
  data_exports: DataExportsTable;
  cvs: CvsTable;
  table_sessions: TableSessionsTable;
  session_attendance: SessionAttendanceTable;
  path_products: PathProductsTable;
  calendar_tokens: CalendarTokensTable;
  experiences: ExperiencesTable;
  experience_links: ExperienceLinksTable;
  stakeholders: StakeholdersTable;
  post_drafts: PostDraftsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  conversation_messages: ConversationMessagesTable;
  conversation_flags: ConversationFlagsTable;
  post_uploads: PostUploadsTable;
}

export type DocumentKind =
  | 'strategic_plan'
  | 'skills_report'
  | 'organisation_report'
  | 'organisation_model'
  | 'experience_sheet'
  | 'experience_database'
  | 'stakeholder_database'
  | 'institutional_cv'
  | 'template'
  | 'tool'
  | 'other';
export type DocumentStatus = 'draft' | 'submitted' | 'changes_requested' | 'published' | 'archived';
export type DocumentLanguage = 'it' | 'en' | 'fr';

export interface DocumentsTable {
  id: Id;
  table_id: number;
  thread_id: number;
  author_id: number;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  kind: DocumentKind;
  focus_area: string;
  dimension: string | null;
  language: DocumentLanguage;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<DocumentStatus, DocumentStatus | undefined, DocumentStatus>;
  featured: ColumnType<boolean, boolean | undefined, boolean>;
  published_version_id: number | null;
  version_count: ColumnType<number, number | undefined, number>;
  download_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Generated by PostgreSQL; nullable there, though its expression never yields null. */
  search_vector: ColumnType<string | null, never, never>;
}

export interface DocumentVersionsTable {
  id: Id;
  document_id: number;
  number: number;
  storage_key: string;
  sha256: string;
  size: number;
  media_type: string;
  original_name: string;
  note: ColumnType<string, string | undefined, string>;
  uploaded_by: number;
  created_at: Timestamp;
}

export interface DocumentTransitionsTable {
  id: Id;
  document_id: number;
  from_status: DocumentStatus;
  to_status: DocumentStatus;
  version_number: number;
  comment: string | null;
  actor_id: number | null;
  created_at: Timestamp;
}

export interface DocumentFollowersTable {
  document_id: number;
  user_id: number;
  created_at: Timestamp;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type EnteRow = Selectable<EntiTable>;
export type TableRow = Selectable<TablesTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type ThreadRow = Selectable<ThreadsTable>;
export type PostRow = Omit<Selectable<PostsTable>, 'search_vector'>;
export type FlagRow = Selectable<FlagsTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type EventRow = Selectable<EventsTable>;
export type DocumentRow = Omit<Selectable<DocumentsTable>, 'search_vector'>;
export type DocumentVersionRow = Selectable<DocumentVersionsTable>;

export interface RateLimitCountersTable {
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

export interface WorkerHeartbeatsTable {
  worker: string;
  seen_at: Timestamp;
}

/** The programme's consents: the Patto, the Liberatoria (CV data in the directory), the privacy notice. */
export type ConsentKind = 'patto' | 'liberatoria' | 'privacy';

export interface ConsentVersionsTable {
  id: Id;
  kind: ConsentKind;
  version: number;
  text_it: string;
  text_en: string;
  /** Rendered and sanitized once, when published: what every reader is shown. */
  html_it: string;
  html_en: string;
  published_by: number | null;
  published_at: Timestamp;
}

/** Append-only: a trigger refuses updates and deletes. */
export interface ConsentRecordsTable {
  id: Id;
  user_id: number;
  kind: ConsentKind;
  version: number;
  action: 'accept' | 'revoke';
  text_sha256: string;
  ip: string | null;
  created_at: Timestamp;
}

export type ConsentVersionRow = Selectable<ConsentVersionsTable>;
export type ConsentRecordRow = Selectable<ConsentRecordsTable>;

/**
 * A person's export built by the worker and mailed as a one-time link. Built once `expires_at`
 * (and `token_hash`, the link's SHA-256) is set; `storage_key` goes back to null when the file is removed.
 */
export interface DataExportsTable {
  id: Id;
  user_id: number;
  token_hash: string | null;
  storage_key: string | null;
  size: number | null;
  created_at: Timestamp;
  expires_at: Date | null;
  used_at: Date | null;
}

export type DataExportRow = Selectable<DataExportsTable>;

/** CV entries as stored (jsonb): the shapes the domain validated, in the api's own field names. */
export interface CvLanguageEntry {
  code: string;
  level: string;
}
export interface CvCompetenceEntry {
  skill: string;
  dimension: string | null;
  focusArea: string | null;
}
export interface CvExperienceEntry {
  title: string;
  programme: string | null;
  fund: string | null;
  countries: string[];
  yearFrom: number;
  yearTo: number | null;
  role: string;
}
type JsonList<T> = ColumnType<T[], string, string>;

/** One structured CV per person. Shown in the directory only while they hold the current Liberatoria. */
export interface CvsTable {
  user_id: number;
  headline: ColumnType<string, string | undefined, string>;
  summary: ColumnType<string, string | undefined, string>;
  languages: JsonList<CvLanguageEntry>;
  competences: JsonList<CvCompetenceEntry>;
  experiences: JsonList<CvExperienceEntry>;
  /** The optional file (PDF, ODT, DOCX): all six set, or none. */
  file_storage_key: string | null;
  file_media_type: string | null;
  file_name: string | null;
  file_size: number | null;
  file_sha256: string | null;
  file_uploaded_at: Date | null;
  search_vector: ColumnType<string, unknown, unknown>;
  updated_at: Timestamp;
}

export type CvRow = Omit<Selectable<CvsTable>, 'search_vector'>;

/** The footer's pages an admin words: the accessibility statement and the legal notes. */
export type SitePageSlug = 'accessibilita' | 'note-legali';

export interface SitePagesTable {
  slug: SitePageSlug;
  text_it: string;
  text_en: string;
  html_it: string;
  html_en: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export type SitePageRow = Selectable<SitePagesTable>;

export type SurveyRespondent = 'person' | 'ente';
/** jsonb in and out: written as JSON text, read back as the value. */
type Json<T> = ColumnType<T, string, string>;

/** A questionnaire: its questions (jsonb, as the domain validated them), who answers, and when. */
export interface SurveysTable {
  id: Id;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  /** The built-in template it was made from (`ente_profile`, `criticita`, `priorita`), if any. */
  template: string | null;
  questions: Json<unknown[]>;
  respondent: SurveyRespondent;
  opens_at: Timestamp;
  closes_at: Date | null;
  created_by: number | null;
  created_at: Timestamp;
  /** When those it is for were told it opened; null until then. */
  announced_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SurveyTablesTable {
  survey_id: number;
  table_id: number;
}

/** One answer per person (`user_id`) or per ente (`ente_id`); a draft until `submitted_at`. */
export interface SurveyResponsesTable {
  id: Id;
  survey_id: number;
  user_id: number | null;
  ente_id: number | null;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  submitted_at: Date | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** Every save of a response, with who made it. */
export interface SurveyResponseChangesTable {
  id: Id;
  response_id: number;
  answers: Json<Record<string, unknown>>;
  submitted: boolean;
  changed_by: number | null;
  changed_at: Timestamp;
}

/** A response repeated as one row per chosen option, number or text, for the results' aggregates. */
export interface SurveyAnswerItemsTable {
  response_id: number;
  survey_id: number;
  question_key: string;
  option_key: string | null;
  other_text: string | null;
  number_value: number | null;
}

export type SurveyRow = Selectable<SurveysTable>;
export type SurveyResponseRow = Selectable<SurveyResponsesTable>;

export interface TableSessionsTable {
  id: Id;
  table_id: number;
  title: string;
  dimension: string;
  starts_at: Timestamp;
  /** Length in days, in steps of half a day. */
  days: number;
  place: string | null;
  online_url: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When its people were reminded of it, the day before. */
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type TableSessionRow = Selectable<TableSessionsTable>;

export interface SessionAttendanceTable {
  session_id: number;
  user_id: number;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface PathProductsTable {
  id: Id;
  table_id: number;
  dimension: string;
  document_kind: DocumentKind;
  /** A calendar day (`YYYY-MM-DD`). */
  due_at: ColumnType<string, string, string>;
  created_by: number | null;
  created_at: Timestamp;
}

export type PathProductRow = Selectable<PathProductsTable>;

export interface CalendarTokensTable {
  user_id: number;
  token_hash: string;
  created_at: Timestamp;
}

export type ExperienceStatus = 'draft' | 'published';

export interface ExperiencesTable {
  id: Id;
  ente_id: number;
  author_id: number | null;
  status: ColumnType<ExperienceStatus, ExperienceStatus | undefined, ExperienceStatus>;
  title: string;
  summary: string;
  programme: string | null;
  fund: string | null;
  countries: string[];
  partners: string[];
  sectors: string[];
  focus_area: string;
  dimension: string | null;
  year_from: number;
  year_to: number | null;
  /** Whole euros. */
  budget_eur: number | null;
  results: string | null;
  lessons: string | null;
  search_vector: string;
  published_at: Date | null;
  published_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type ExperienceRow = Selectable<ExperiencesTable>;

/** A document or a thread an experience points at, in the author's order. */
export interface ExperienceLinksTable {
  experience_id: number;
  position: number;
  document_id: number | null;
  thread_id: number | null;
}

export type StakeholderKind =
  | 'comune'
  | 'provincia'
  | 'regione'
  | 'associazione'
  | 'ong'
  | 'agenzia'
  | 'universita'
  | 'impresa'
  | 'camera_di_commercio'
  | 'altro';

export interface StakeholdersTable {
  id: Id;
  ente_id: number;
  created_by: number | null;
  name: string;
  kind: StakeholderKind;
  region: string;
  sectors: string[];
  countries: string[];
  website: string | null;
  email: string | null;
  notes: string | null;
  search_vector: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type StakeholderRow = Selectable<StakeholdersTable>;

/** An unposted reply (`thread_id`) or new thread (`table_id`): exactly one of the two is set. */
export interface PostDraftsTable {
  id: Id;
  user_id: number;
  thread_id: number | null;
  table_id: number | null;
  title: ColumnType<string, string | undefined, string>;
  body: string;
  updated_at: Timestamp;
}

export type PostUploadKind = 'image' | 'file';

export interface PostUploadsTable {
  id: Id;
  uploader_id: number;
  table_id: number;
  post_id: number | null;
  kind: PostUploadKind;
  name: string;
  media_type: string;
  size: number;
  storage_key: string;
  thumb_storage_key: string | null;
  width: number | null;
  height: number | null;
  sha256: string;
  created_at: Timestamp;
}

export interface ConversationsTable {
  id: Id;
  title: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  is_question: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  last_message_id: ColumnType<number, number | undefined, number>;
  last_message_at: Timestamp;
}

export interface ConversationMembersTable {
  conversation_id: number;
  user_id: number;
  joined_at: Timestamp;
  left_at: Date | null;
  last_read_message_id: ColumnType<number, number | undefined, number>;
  called_in_by: number | null;
}

export interface ConversationMessagesTable {
  id: Id;
  conversation_id: number;
  author_id: number | null;
  body: string;
  body_html: string;
  created_at: Timestamp;
}

export interface ConversationFlagsTable {
  id: Id;
  conversation_id: number;
  flagged_by: number | null;
  reason: string;
  created_at: Timestamp;
}

export type ConversationMessageRow = Selectable<ConversationMessagesTable>;
