import { digestRepo, type UserRow } from '@hubspoke/db';
import type { JobPayloads } from '@hubspoke/jobs';
import type { Deps } from '../shared/deps.js';
import { DigestInProgressError } from '../shared/errors.js';
import { inLanes } from '../shared/lanes.js';
import { buildDigests, type DigestData } from './content.js';
import { firstDigestFrom, staleClaimBefore } from './plan.js';

export type DigestOutcome = 'sent' | 'empty' | 'skipped' | 'already_done' | 'off';

/** Renders and sends the mail; returns its Message-ID. Supplied by the worker or the admin CLI. */
export type DeliverDigest = (user: UserRow, digest: DigestData, period: string) => Promise<string>;

/**
 * One person's digest for one period, at most once: the period is claimed in PostgreSQL before
 * anything is sent and stamped after, so a retry, a crash or a second worker does not send it
 * again. A failed send releases the claim, so the job's retry can try again at once. A period
 * another process is sending throws DigestInProgressError: not a failure, just not ours yet.
 */
export async function runDigest(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  job: JobPayloads['digest.send'],
  deliver: DeliverDigest,
): Promise<DigestOutcome> {
  const [result] = (await runDigests(deps, [job], deliver)).results;
  if (!result) return 'off';
  if (result.outcome === 'failed') throw result.error;
  // Someone else is sending it right now; if they die, this job's retry takes over the claim
  // once it is stale (config.jobs.staleClaimMs).
  if (result.outcome === 'busy') throw new DigestInProgressError(job.userId, job.period);
  return result.outcome;
}

/** What became of one digest of a batch: `busy` is another process's to send, `failed` a send that threw. */
export type BatchDigestResult = { userId: number; period: string } & (
  | { outcome: DigestOutcome | 'busy' }
  | { outcome: 'failed'; error: unknown }
);

/** How many digests of a batch go to the mail server at once. */
export const DIGEST_SEND_CONCURRENCY = 10;

/**
 * Many people's digests with runDigest's guarantees, at a fraction of the statements: the
 * periods are claimed in one statement, the contents built in one, the unsent ones stamped in
 * one, and only the mails go one by one (a few at a time), each stamped `sent` as soon as the
 * server took it, so a crash resends at most the mails in flight. A failed send releases only
 * its own claim and the others carry on; the caller retries the batch, whose already-sent
 * digests then read as done. Never throws for one person's sake: see each result.
 */
export async function runDigests(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  jobs: ReadonlyArray<JobPayloads['digest.send']>,
  deliver: DeliverDigest,
  concurrency = DIGEST_SEND_CONCURRENCY,
): Promise<{ results: BatchDigestResult[] }> {
  const now = deps.clock.now();
  const claims = await digestRepo.claimPeriods(deps.db, {
    digests: jobs,
    now,
    staleBefore: staleClaimBefore(deps, now),
    firstFrom: firstDigestFrom(now),
  });
  const results: BatchDigestResult[] = [];
  const unsent: Array<{ userId: number; period: string; status: 'empty' | 'skipped' }> = [];
  const toBuild: Array<{ user: UserRow; from: Date; period: string }> = [];
  for (const c of claims) {
    const key = { userId: c.user.id, period: c.period };
    if (c.claim === 'off') results.push({ ...key, outcome: 'off' });
    else if (c.claim === 'done') results.push({ ...key, outcome: 'already_done' });
    else if (c.claim === 'busy') results.push({ ...key, outcome: 'busy' });
    else if (c.user.digest_skip_if_active && c.user.last_seen_at && c.user.last_seen_at > c.from)
      unsent.push({ ...key, status: 'skipped' });
    else toBuild.push({ user: c.user, from: c.from, period: c.period });
  }
  const digests = await buildDigests(deps, toBuild, now);
  const toSend: Array<{ user: UserRow; period: string; digest: DigestData }> = [];
  for (const { user, period } of toBuild) {
    const digest = digests.get(user.id);
    if (digest) toSend.push({ user, period, digest });
    else unsent.push({ userId: user.id, period, status: 'empty' });
  }
  await digestRepo.finishUnsent(deps.db, unsent);
  for (const u of unsent) results.push({ userId: u.userId, period: u.period, outcome: u.status });

  await inLanes(toSend, concurrency, async ({ user, period, digest }) => {
    const key = { userId: user.id, period };
    // Taken over while this batch was busy with the others: the other worker sends it.
    if (!(await digestRepo.renewClaim(deps.db, user.id, period, now, deps.clock.now()))) {
      results.push({ ...key, outcome: 'busy' });
      return;
    }
    let messageId: string;
    try {
      messageId = await deliver(user, digest, period);
    } catch (error) {
      // Released at once, so the batch's retry can send it without waiting for the claim to go stale.
      await digestRepo.release(deps.db, user.id, period).catch(() => {});
      results.push({ ...key, outcome: 'failed', error });
      return;
    }
    try {
      await digestRepo.finish(deps.db, user.id, period, 'sent', messageId, deps.clock.now());
    } catch (error) {
      // Sent but not stamped (the database went away): its claim goes stale and, as after a
      // crash, the digest may go out again; the other lanes carry on meanwhile.
      results.push({ ...key, outcome: 'failed', error });
      return;
    }
    results.push({ ...key, outcome: 'sent' });
  });
  return { results };
}
