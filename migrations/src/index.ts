import type { Migration } from 'kysely';
import * as foundation from './20261129_1200_foundation.js';
import * as forum from './20261129_1300_forum.js';
import * as notifications from './20261129_1400_notifications.js';
import * as documents from './20261129_1500_documents.js';
import * as mail from './20261129_1600_mail.js';
import * as tutoring from './20261129_1700_tutoring.js';
import * as postgresBackend from './20261129_1800_postgres_backend.js';
import * as privateFocusEvents from './20261129_1900_private_focus_events.js';
import * as notificationsByEvent from './20261129_2000_notifications_by_event.js';
import * as tableParticipants from './20261206_1000_table_participants.js';
import * as draftThreads from './20261206_1100_draft_threads.js';
import * as mailQueuedEvents from './20261206_1200_mail_queued_events.js';
import * as consents from './20261207_1000_consents.js';
import * as cvs from './20261207_1100_cvs.js';
import * as enteKinds from './20261207_1200_ente_kinds.js';
import * as accountStates from './20261207_1300_account_states.js';
import * as dataExports from './20261207_1400_data_exports.js';
import * as invitationRevocation from './20261207_1700_invitation_revocation.js';
import * as sitePages from './20261207_1800_site_pages.js';
import * as surveys from './20261207_1900_surveys.js';
import * as surveyAnnouncements from './20261207_2000_survey_announcements.js';
import * as unaccentedSearch from './20261207_2100_unaccented_search.js';
import * as pathSessions from './20261207_2200_path_sessions.js';
import * as experiencesStakeholders from './20261207_2300_experiences_stakeholders.js';
import * as sessionReminders from './20261207_2310_session_reminders.js';
import * as postDrafts from './20261207_2320_post_drafts.js';
import * as oidcIdentities from './20261208_1000_oidc_identities.js';
import * as slowMode from './20261208_1100_slow_mode.js';
import * as postAttachments from './20261208_1200_post_attachments.js';
import * as conversations from './20261208_1300_conversations.js';
import * as authChangeNotices from './20261208_1500_auth_change_notices.js';
import * as threadActivityCounts from './20261208_1600_thread_activity_counts.js';
import * as inlinedActivityBucket from './20261208_1700_inlined_activity_bucket.js';

/**
 * Every migration, by name. Kysely runs them in name order, so names start with a timestamp.
 * A test checks that each file in this folder is listed here.
 */
export const migrations: Record<string, Migration> = {
  '20261129_1200_foundation': foundation,
  '20261129_1300_forum': forum,
  '20261129_1400_notifications': notifications,
  '20261129_1500_documents': documents,
  '20261129_1600_mail': mail,
  '20261129_1700_tutoring': tutoring,
  '20261129_1800_postgres_backend': postgresBackend,
  '20261129_1900_private_focus_events': privateFocusEvents,
  '20261129_2000_notifications_by_event': notificationsByEvent,
  '20261206_1000_table_participants': tableParticipants,
  '20261206_1100_draft_threads': draftThreads,
  '20261206_1200_mail_queued_events': mailQueuedEvents,
  '20261207_1000_consents': consents,
  '20261207_1100_cvs': cvs,
  '20261207_1200_ente_kinds': enteKinds,
  '20261207_1300_account_states': accountStates,
  '20261207_1400_data_exports': dataExports,
  '20261207_1700_invitation_revocation': invitationRevocation,
  '20261207_1800_site_pages': sitePages,
  '20261207_1900_surveys': surveys,
  '20261207_2000_survey_announcements': surveyAnnouncements,
  '20261207_2100_unaccented_search': unaccentedSearch,
  '20261207_2200_path_sessions': pathSessions,
  '20261207_2300_experiences_stakeholders': experiencesStakeholders,
  '20261207_2310_session_reminders': sessionReminders,
  '20261207_2320_post_drafts': postDrafts,
  '20261208_1000_oidc_identities': oidcIdentities,
  '20261208_1100_slow_mode': slowMode,
  '20261208_1200_post_attachments': postAttachments,
  '20261208_1300_conversations': conversations,
  '20261208_1500_auth_change_notices': authChangeNotices,
  '20261208_1600_thread_activity_counts': threadActivityCounts,
  '20261208_1700_inlined_activity_bucket': inlinedActivityBucket,
};
