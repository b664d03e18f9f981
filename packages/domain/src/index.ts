export * from './auth/api-tokens.js';
export * from './auth/change-password.js';
export * from './auth/invitations.js';
export * from './auth/login.js';
export * from './auth/password-reset.js';
export { checkPasswordPolicy, hashPassword, verifyPassword } from './auth/passwords.js';
export * from './auth/sessions.js';
export * from './auth/users.js';
export { buildDigest, type DigestData } from './digests/content.js';
export { digestJobId, dueDigests, firstDigestFrom } from './digests/plan.js';
export { type DeliverDigest, type DigestOutcome, runDigest } from './digests/run.js';
export * from './documents/index.js';
export * from './dto.js';
export { DateTime, literals, Nullable } from './shared/schema.js';
export * from './forum/index.js';
export { latestEventId } from './live/position.js';
export { authorizeRoom, readersOfTable } from './live/rooms.js';
export { type NotificationDto, NotificationSchema, notificationToDto } from './notifications/dto.js';
export { type FanOut, fanOutEvent, type SourceEvent } from './notifications/fanout.js';
export { listNotifications, markNotificationsRead } from './notifications/inbox.js';
export {
  emailChoiceFor,
  markNotificationEmailed,
  type NotificationMail,
  notificationsToMail,
  prepareNotificationMail,
} from './notifications/mail.js';
export * from './permissions.js';
export * from './shared/clock.js';
export * from './shared/crypto.js';
export * from './shared/cursor.js';
export type { Deps } from './shared/deps.js';
export * from './shared/errors.js';
export * from './shared/events.js';
export { queueMail } from './shared/mail-queue.js';
export * from './shared/rate-limit.js';
export { paths } from './shared/urls.js';
export * from './spaces/audit.js';
export * from './spaces/enti.js';
export * from './spaces/preferences.js';
export * from './spaces/tables.js';
export * from './spaces/users.js';
export * from './spaces/vocabularies.js';
export { acceptAnswer, handBackQuestion, reassignQuestion } from './tutoring/answers.js';
export { requestDocumentReview } from './tutoring/document-review.js';
export { tutoringMetrics } from './tutoring/metrics.js';
export { type Nudge, nudgeTimes, sendNudge } from './tutoring/nudges.js';
export { listTutorPools, type PoolTarget, setTutorPool } from './tutoring/pools.js';
export { tutorQueue } from './tutoring/queue.js';
export { addWorkingTime, type WorkingTime, workingMsBetween } from './tutoring/working-time.js';
