import type { Session, TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import type { TestSmtp } from '../support/smtp.js';

export type Person = { user: { id: number; email: string; handle: string }; session: Session };

/** Polls `check` until it returns true, failing with `what` once `timeoutMs` has passed. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** How many times each Message-ID reached the SMTP server. */
export function messageCounts(smtp: TestSmtp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of smtp.received) {
    const id = mail.parsed.messageId ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * People who want a daily digest at midnight (due at once) and have something to read in it:
 * a thread in a table they belong to, written by `author`.
 */
export async function dueDigestReaders(ctx: TestContext, author: Person, count: number): Promise<Person[]> {
  const readers: Person[] = [];
  for (let i = 0; i < count; i++) readers.push((await signedIn(ctx)) as Person);
  const ids = readers.map((r) => r.user.id);
  await ctx.db
    .updateTable('users')
    .set({ digest: 'daily', digest_hour: 0, timezone: 'UTC', created_at: new Date(Date.now() - 3 * 86_400_000) })
    .where('id', 'in', ids)
    .execute();
  const table = await newTable(ctx, { kind: 'regional', members: [author.user, ...readers.map((r) => r.user)] });
  await newThread(ctx, author.session, { tableId: table.id, title: 'Notizie per il riepilogo' });
  return readers;
}
