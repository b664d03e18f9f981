import type { HandlerEntry } from '../registry.js';
import { digestSend, digestsSend } from './digest-send.js';
import { digestsPlan } from './digests-plan.js';
import { eventFanout } from './event-fanout.js';
import { eventMail } from './event-mail.js';
import { eventsCleanup } from './events-cleanup.js';
import { exportBuild } from './export-build.js';
import { mailSend } from './mail-send.js';
import { mailSweep } from './mail-sweep.js';
import { notificationEmail, notificationEmails } from './notification-email.js';
import { pathRemind } from './path-remind.js';
import { sessionsCleanup } from './sessions-cleanup.js';
import { surveysAnnounce } from './surveys-announce.js';
import { tutoringNudge } from './tutoring-nudge.js';
import { tutoringSchedule } from './tutoring-schedule.js';
import { uploadsCleanup } from './uploads-cleanup.js';

/** One line per job name. */
export const handlers: HandlerEntry[] = [
  ['sessions.cleanup', sessionsCleanup],
  ['events.cleanup', eventsCleanup],
  ['event.fanout', eventFanout],
  ['event.mail', eventMail],
  ['mail.send', mailSend],
  ['mail.sweep', mailSweep],
  ['notification.email', notificationEmail],
  ['notification.emails', notificationEmails],
  ['digests.plan', digestsPlan],
  ['digest.send', digestSend],
  ['digests.send', digestsSend],
  ['tutoring.schedule', tutoringSchedule],
  ['tutoring.nudge', tutoringNudge],
  ['export.build', exportBuild],
  ['surveys.announce', surveysAnnounce],
  ['path.remind', pathRemind],
  ['uploads.cleanup', uploadsCleanup],
];
