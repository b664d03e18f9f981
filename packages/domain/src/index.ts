export * from './auth/accounts.js';
export * from './auth/api-tokens.js';
export * from './auth/change-password.js';
export * from './auth/invitations.js';
export * from './auth/login.js';
export * from './auth/oidc.js';
export * from './auth/password-reset.js';
export { checkPasswordPolicy, hashPassword, verifyPassword } from './auth/passwords.js';
export { AUTH_CHANGES_CHANNEL, changesAccess, SessionCache } from './auth/session-cache.js';
export * from './auth/sessions.js';
export * from './auth/users.js';
export * from './consents/index.js';
export * from './conversations/index.js';
export * from './cv/index.js';
export { loadDemo } from './demo/seed.js';
export { buildDigest, buildDigests, type DigestData } from './digests/content.js';
export { dueDigests, firstDigestFrom } from './digests/plan.js';
export {
  type BatchDigestResult,
  type DeliverDigest,
  DIGEST_SEND_CONCURRENCY,
  type DigestOutcome,
  runDigest,
  runDigests,
} from './digests/run.js';
export * from './documents/index.js';
export * from './dto.js';
export * from './experiences/index.js';
export * from './forum/index.js';
export { eventsAfter, latestEventId, transactionBounds } from './live/position.js';
export { missedEvents, REPLAY_WINDOW_MS, removeExpiredEvents } from './live/replay.js';
export { authorizeRoom, liveListener, readersOfTable } from './live/rooms.js';
export { type NotificationDto, NotificationSchema, notificationToDto } from './notifications/dto.js';
export { type FanOut, fanOutEvent, notificationsOfEvent, type SourceEvent } from './notifications/fanout.js';
export { listNotifications, markNotificationsRead } from './notifications/inbox.js';
export {
  type DeliverNotificationMail,
  emailChoiceFor,
  mailNotifications,
  type NotificationMail,
  type NotificationMailResult,
  notificationsToMail,
} from './notifications/mail.js';
export {
  type DeliverQueuedMail,
  type QueuedMail,
  type QueuedMailOutcome,
  sendQueuedMail,
  unsentMails,
} from './notifications/mail-outbox.js';
export * from './path/index.js';
export * from './permissions.js';
export * from './personal-data/index.js';
export * from './programme/index.js';
export * from './shared/clock.js';
export * from './shared/crypto.js';
export * from './shared/cursor.js';
export type { Deps } from './shared/deps.js';
export * from './shared/errors.js';
export * from './shared/events.js';
export { queueMail } from './shared/mail-queue.js';
export { findOutboxEvent, type OutboxEvent, relayOutbox } from './shared/outbox.js';
export * from './shared/rate-limit.js';
export { DateTime, literals, Nullable } from './shared/schema.js';
export { paths } from './shared/urls.js';
export { removeStaleWorkerHeartbeats } from './shared/workers.js';
export * from './site/pages.js';
export * from './spaces/audit.js';
export * from './spaces/enti.js';
export * from './spaces/preferences.js';
export * from './spaces/tables.js';
export * from './spaces/users.js';
export * from './spaces/vocabularies.js';
export * from './surveys/index.js';
export { acceptAnswer, handBackQuestion, reassignQuestion } from './tutoring/answers.js';
export { requestDocumentReview } from './tutoring/document-review.js';
export { tutoringMetrics } from './tutoring/metrics.js';
export { nudgesForAssignment, nudgeTimes, sendNudge } from './tutoring/nudges.js';
export { listTutorPools, type PoolTarget, setTutorPool } from './tutoring/pools.js';
export { tutorQueue } from './tutoring/queue.js';
export { addWorkingTime, type WorkingTime, workingMsBetween } from './tutoring/working-time.js';
