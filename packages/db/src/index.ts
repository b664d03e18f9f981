export { createDb, type Database, type DbOptions, type Executor, type Tx } from './connection.js';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded.js';
export { type ChannelListener, listenTo } from './listen.js';
export { ensureDatabase, migrateToLatest } from './migrate.js';
export { serverAnswers } from './probe.js';
export * as apiTokenRepo from './repositories/auth/api-tokens.js';
export * as erasureRepo from './repositories/auth/erasure.js';
export * as invitationRepo from './repositories/auth/invitations.js';
export * as oidcIdentityRepo from './repositories/auth/oidc-identities.js';
export * as passwordResetRepo from './repositories/auth/password-resets.js';
export * as sessionRepo from './repositories/auth/sessions.js';
export * as userRepo from './repositories/auth/users.js';
export type { AcceptanceRow, ConsentState } from './repositories/consents/consents.js';
export * as consentRepo from './repositories/consents/consents.js';
export type {
  ConversationCursor,
  ConversationListRow,
  ConversationMessageListRow,
} from './repositories/conversations/conversations.js';
export * as conversationRepo from './repositories/conversations/conversations.js';
export type { CvContent, CvFileFields } from './repositories/cv/cvs.js';
export * as cvRepo from './repositories/cv/cvs.js';
export type { DirectoryCursor, DirectoryFilters, DirectoryRow } from './repositories/cv/directory.js';
export * as directoryRepo from './repositories/cv/directory.js';
export * as digestContentRepo from './repositories/digests/digest-content.js';
export * as digestRepo from './repositories/digests/digests.js';
export * as documentFollowerRepo from './repositories/documents/document-followers.js';
export type { TransitionListRow } from './repositories/documents/document-history.js';
export * as documentHistoryRepo from './repositories/documents/document-history.js';
export type {
  DocumentListCursor,
  DocumentListFilters,
  DocumentListRow,
} from './repositories/documents/document-list.js';
export * as documentListRepo from './repositories/documents/document-list.js';
export type { VersionListRow } from './repositories/documents/document-versions.js';
export * as documentVersionRepo from './repositories/documents/document-versions.js';
export type { LockedDocument } from './repositories/documents/documents.js';
export * as documentRepo from './repositories/documents/documents.js';
export type {
  DraftScope,
  ExperienceContent,
  ExperienceFilters,
  ExperienceLink,
  ExperienceListRow,
} from './repositories/experiences/experiences.js';
export * as experienceRepo from './repositories/experiences/experiences.js';
export type {
  StakeholderContent,
  StakeholderCursor,
  StakeholderFilters,
  StakeholderListRow,
} from './repositories/experiences/stakeholders.js';
export * as stakeholderRepo from './repositories/experiences/stakeholders.js';
export type { ActivityCursor, ActivityRow } from './repositories/forum/activity.js';
export * as activityRepo from './repositories/forum/activity.js';
export * as auditRepo from './repositories/forum/audit.js';
export type { DraftTarget } from './repositories/forum/drafts.js';
export * as draftRepo from './repositories/forum/drafts.js';
export * as flagRepo from './repositories/forum/flags.js';
export * as postRepo from './repositories/forum/posts.js';
export * as readingRepo from './repositories/forum/reading.js';
export * as replyRepo from './repositories/forum/replies.js';
export * as searchRepo from './repositories/forum/search.js';
export type { ThreadAccess, ThreadListCursor, ThreadListFilters, ThreadListRow } from './repositories/forum/threads.js';
export * as threadRepo from './repositories/forum/threads.js';
export * as postUploadRepo from './repositories/forum/uploads.js';
export * as mailOutboxRepo from './repositories/notifications/mail-outbox.js';
export type { NewNotification } from './repositories/notifications/notifications.js';
export * as notificationRepo from './repositories/notifications/notifications.js';
export * as pathRepo from './repositories/path/path.js';
export * as dataExportRepo from './repositories/personal-data/data-exports.js';
export * as personalDataRepo from './repositories/personal-data/personal-data.js';
export type {
  EnteProgressRow,
  ProductCount,
  ProgressFilter,
  TableProgressRow,
} from './repositories/programme/progress.js';
export * as progressRepo from './repositories/programme/progress.js';
export type { EnteSummaryRow } from './repositories/spaces/enti.js';
export * as enteRepo from './repositories/spaces/enti.js';
export type { Viewer } from './repositories/spaces/tables.js';
export * as tableRepo from './repositories/spaces/tables.js';
export * as vocabularyRepo from './repositories/spaces/vocabularies.js';
export type { CountRow, CsvResponseRow, NumberStats } from './repositories/surveys/results.js';
export * as surveyResultsRepo from './repositories/surveys/results.js';
export type { AnswerItem, ListedSurvey, ResponseWithWriter, SurveyViewer } from './repositories/surveys/surveys.js';
export * as surveyRepo from './repositories/surveys/surveys.js';
export * as eventRepo from './repositories/system/events.js';
export * as rateLimitRepo from './repositories/system/rate-limits.js';
export * as sitePageRepo from './repositories/system/site-pages.js';
export * as workerHeartbeatRepo from './repositories/system/worker-heartbeats.js';
export * as tutoringRepo from './repositories/tutoring/tutoring.js';
export type * from './schema.js';
export { DatabaseUnavailableError } from './unavailable.js';
