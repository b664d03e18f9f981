import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  smtp = new TestSmtp();
  uploads = await uploadFolder();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    UPLOAD_DIR: uploads.dir,
    POST_MAX_PER_WINDOW: '10000',
  });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
  await uploads.remove();
});

describe('a document changing status', () => {
  it('is mailed to its author with a link to the document; not to who acted, nor to who chose never', async () => {
    const author = await signedIn(ctx, { email: 'autrice@comune.example.it' });
    const moderator = await signedIn(ctx, { role: 'moderator', email: 'moderatore@comune.example.it' });
    const quiet = await signedIn(ctx, { email: 'silenziosa@comune.example.it' });
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, moderator.user, quiet.user] });
    await ctx.db.updateTable('users').set({ email_tutoring: 'never' }).where('id', '=', quiet.user.id).execute();
    const document = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: 'Piano strategico 2027',
    });
    const other = await newDocument(ctx, quiet.session, { tableId: String(table.id), title: 'Rapporto annuale' });
    for (const [who, id] of [
      [author, document.id],
      [quiet, other.id],
    ] as const) {
      expect((await transition(ctx, who.session, id, 'submitted')).statusCode).toBe(200);
      expect((await transition(ctx, moderator.session, id, 'published')).statusCode).toBe(200);
    }

    await expect.poll(() => smtp.to('autrice@comune.example.it').length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to('autrice@comune.example.it')[0]?.parsed;
    expect(mail?.subject).toBe('Il documento «Piano strategico 2027» è stato pubblicato');
    expect(mail?.text).toContain(`http://forum.test/documenti/${document.id}`);
    expect(mail?.html).toContain('Apri il documento');
    // The moderator hears of both submissions, never of the publications they made themselves.
    await expect.poll(() => smtp.to('moderatore@comune.example.it').length, { timeout: 10_000 }).toBe(2);
    expect(
      smtp
        .to('moderatore@comune.example.it')
        .map((m) => m.parsed.subject)
        .sort(),
    ).toEqual([
      'Il documento «Piano strategico 2027» è stato inviato in revisione',
      'Il documento «Rapporto annuale» è stato inviato in revisione',
    ]);
    // Who chose "never" gets the notification, not the mail.
    expect(smtp.to('silenziosa@comune.example.it')).toEqual([]);
    const notified = await ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'emailed_at'])
      .where('kind', '=', 'document_status')
      .execute();
    expect(notified.find((n) => n.user_id === quiet.user.id)?.emailed_at).toBeNull();
    expect(notified.find((n) => n.user_id === author.user.id)?.emailed_at).not.toBeNull();
  });
});
