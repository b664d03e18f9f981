import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import { DigestInProgressError, type DigestOutcome, dueDigests, runDigest, systemClock } from '@hubspoke/domain';
import { createMailer, digestMail } from '@hubspoke/mail';

/**
 * `npm run admin -- digests --now`: every digest due at this moment, sent by the same code and
 * with the same once-only guarantee as the scheduled worker job, so running both is safe. A
 * digest another process (a worker, a second run of this command) is sending is reported as
 * in progress, not as a failure: it goes out once, from there.
 */
export async function sendDueDigests(db: Database, config: Config): Promise<void> {
  const mailer = createMailer(config.mail);
  const deps = { db, config, clock: systemClock };
  const counts: Record<DigestOutcome | 'in_progress' | 'failed', number> = {
    sent: 0,
    empty: 0,
    skipped: 0,
    already_done: 0,
    off: 0,
    in_progress: 0,
    failed: 0,
  };
  try {
    const due = await dueDigests(deps, systemClock.now());
    console.log(`${due.length} digest(s) due`);
    for (const { user_id, period } of due) {
      try {
        const outcome = await runDigest(deps, { userId: user_id, period }, async (user, digest) => {
          const mail = digestMail(config, user, digest, period);
          await mailer.send(mail);
          return mail.messageId;
        });
        counts[outcome]++;
      } catch (error) {
        if (error instanceof DigestInProgressError) {
          counts.in_progress++;
          continue;
        }
        counts.failed++;
        console.error(`digest for user ${user_id} (${period}) failed: ${(error as Error).message}`);
      }
    }
    console.log(
      Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', '),
    );
    if (counts.failed > 0) process.exitCode = 1;
  } finally {
    mailer.close();
  }
}
