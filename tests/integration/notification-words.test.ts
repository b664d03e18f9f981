import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';
import { browserOf } from '../support/web-forms.js';

// Notifications and their mails say what happened, in the words of the people involved.
let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;
let web: ReturnType<typeof browserOf>;

beforeAll(async () => {
  smtp = new TestSmtp();
  uploads = await uploadFolder();
  ctx = await createTestContext({
    SMTP_URL: await smtp.start(),
    NOTIFY_EMAIL_DELAY_SECONDS: '0',
    UPLOAD_DIR: uploads.dir,
    POST_MAX_PER_WINDOW: '10000',
  });
  web = browserOf(ctx);
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
  await uploads.remove();
});

const subjects = (to: string) => smtp.to(to).map((m) => m.parsed.subject);
const inbox = async (as: Session) => (await ctx.request({ method: 'GET', url: '/api/notifications', as })).json();

describe('tutoring notifications', () => {
  it('tell the tutor of a new question and the asker of the tutor’s answer, each in their own words', async () => {
    const asker = await signedIn(ctx, { displayName: 'Giulia Ferri', email: 'giulia@bari.example.it' });
    const tutor = await signedIn(ctx, {
      role: 'tutor',
      displayName: 'Tommaso Tutor',
      email: 'tommaso@tutor.example.it',
    });
    const admin = await signedIn(ctx, { role: 'admin' });
    const table = await newTable(ctx, { kind: 'regional', members: [asker.user, tutor.user] });
    await ctx.request({
      method: 'PUT',
      url: `/api/tutoring/pools/${table.id}/tutors/${tutor.user.id}`,
      as: admin.session,
      payload: {},
    });
    const { thread } = await newThread(ctx, asker.session, {
      tableId: table.id,
      kind: 'question',
      title: 'Come si rendiconta una missione?',
    });
    await expect
      .poll(() => subjects('tommaso@tutor.example.it'), { timeout: 10_000 })
      .toEqual(['Giulia Ferri ti ha fatto una domanda: «Come si rendiconta una missione?»']);

    await newReply(ctx, tutor.session, thread.id, 'Serve il modulo M1 firmato.');
    await expect
      .poll(() => subjects('giulia@bari.example.it'), { timeout: 10_000 })
      .toEqual(['Tommaso Tutor (tutor) ha risposto alla tua domanda «Come si rendiconta una missione?»']);
    const page = await web.page('/notifiche', asker.session);
    expect(page.body).toContain(
      'Tommaso Tutor (tutor) ha risposto alla tua domanda «Come si rendiconta una missione?»',
    );

    // Opening the thread reads what it notified.
    expect((await inbox(asker.session)).unread).toBe(1);
    expect((await web.page(`/discussioni/${thread.id}`, asker.session)).statusCode).toBe(200);
    expect((await inbox(asker.session)).unread).toBe(0);
  });
});

describe('document notifications', () => {
  it('say which status the document reached, and carry the reviewer’s comment', async () => {
    const author = await signedIn(ctx, { email: 'autore@lecce.example.it' });
    const moderator = await signedIn(ctx, { role: 'moderator', displayName: 'Marco Moderatore' });
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, moderator.user] });
    const document = await newDocument(ctx, author.session, { tableId: String(table.id), title: 'Piano 2027' });
    await transition(ctx, author.session, document.id, 'submitted');
    const review = await transition(ctx, moderator.session, document.id, 'changes_requested', 'Manca il budget.');
    expect(review.statusCode).toBe(200);

    await expect.poll(() => smtp.to('autore@lecce.example.it').length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to('autore@lecce.example.it')[0]?.parsed;
    expect(mail?.subject).toBe('Il documento «Piano 2027» richiede modifiche');
    expect(mail?.text).toContain('Commento: Manca il budget.');
    expect(mail?.html).toContain('Commento: Manca il budget.');
    const listed = (await inbox(author.session)).items[0];
    expect(listed).toMatchObject({
      kind: 'document_status',
      documentStatus: 'changes_requested',
      comment: 'Manca il budget.',
    });
    const page = await web.page('/notifiche', author.session);
    expect(page.body).toContain('Il documento «Piano 2027» richiede modifiche');
    expect(page.body).toContain('Commento: Manca il budget.');
  });
});

describe('moderation notices', () => {
  it('tell the author of a lock, a move and a hidden post, with the moderator’s reason, in the page and by mail', async () => {
    const author = await signedIn(ctx, { email: 'autrice@napoli.example.it' });
    const moderator = await signedIn(ctx, { role: 'moderator', displayName: 'Luca Moderatore' });
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, moderator.user] });
    const other = await newTable(ctx, { kind: 'regional', members: [author.user, moderator.user] });
    const { thread } = await newThread(ctx, author.session, { tableId: table.id, title: 'Fondi per il festival' });
    const post = await newReply(ctx, author.session, thread.id, 'Un messaggio fuori tema.');
    const patch = (payload: object) =>
      ctx.request({ method: 'PATCH', url: `/api/threads/${thread.id}`, as: moderator.session, payload });
    expect((await patch({ locked: true, reason: 'Discussione conclusa.' })).statusCode).toBe(200);
    expect((await patch({ tableId: other.id })).statusCode).toBe(200);
    const hidden = await ctx.request({
      method: 'POST',
      url: `/api/posts/${post.id}/hide`,
      as: moderator.session,
      payload: { reason: 'Fuori tema.' },
    });
    expect(hidden.statusCode).toBe(200);
    expect((await patch({ pinned: true })).statusCode).toBe(200);

    const items = (await inbox(author.session)).items as Array<{ kind: string; moderation: string; comment: string }>;
    expect(items.filter((n) => n.kind === 'moderated').map((n) => [n.moderation, n.comment])).toEqual([
      ['hide', 'Fuori tema.'],
      ['move', null],
      ['lock', 'Discussione conclusa.'],
    ]);
    const page = (await web.page('/notifiche', author.session)).body;
    expect(page).toContain('Luca Moderatore ha chiuso la tua discussione «Fondi per il festival»');
    expect(page).toContain('Motivo: Discussione conclusa.');
    expect(page).toContain('Luca Moderatore ha nascosto un tuo messaggio in «Fondi per il festival»');
    await expect
      .poll(() => subjects('autrice@napoli.example.it').sort(), { timeout: 10_000 })
      .toEqual([
        'Luca Moderatore ha chiuso la tua discussione «Fondi per il festival»',
        'Luca Moderatore ha nascosto un tuo messaggio in «Fondi per il festival»',
        'Luca Moderatore ha spostato la tua discussione «Fondi per il festival»',
      ]);
    const lockMail = smtp.to('autrice@napoli.example.it').find((m) => m.parsed.subject?.includes('chiuso'));
    expect(lockMail?.parsed.text).toContain('Motivo: Discussione conclusa.');
  });
});
