import { type RunningWorker, startWorker } from '@hubspoke/worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser, PHONE } from '../support/browser.js';
import { newDocument, uploadFolder } from '../support/documents.js';
import { signIn as apiSignIn, newReply, newTable, newThread, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let worker: RunningWorker;
let browser: Browser;
type User = Awaited<ReturnType<typeof newUser>>;
let maria: User;
let paolo: User;
let labId: number;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  uploads = await uploadFolder();
  server = await startWebServer({ POST_MAX_PER_WINDOW: '1000', UPLOAD_DIR: uploads.dir });
  // The worker turns posts into notifications, so the header badge has something to count live.
  worker = await startWorker(server.config, { log: () => {} });
  browser = await launchBrowser();
  maria = await newUser(server, { displayName: 'Maria Rossi' });
  paolo = await newUser(server, { displayName: 'Paolo Verdi' });
  labId = (await newTable(server, { name: 'Laboratorio di Lecce', kind: 'lab', members: [maria, paolo] })).id;
});
afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await server?.close();
  await uploads?.remove();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

describe('the forum pages', () => {
  it('pass the accessibility checks, on a desktop and on a phone', async () => {
    const session = await apiSignIn(server, maria);
    const { thread } = await newThread(server, session, {
      tableId: labId,
      title: 'Piano strategico: da dove cominciare',
      body: 'Condivido la **bozza** del piano.\n\n- obiettivi\n- partner\n\n> Una citazione',
    });
    for (let i = 0; i < 3; i++)
      await newReply(server, session, thread.id, `Risposta numero ${i + 1} con un [link](https://example.org).`);
    await newReply(server, session, thread.id, `Una domanda per @${paolo.handle}: ci sei?`);
    // The worker turns the mention into a notification: the badge and the notifications page show it.
    const paoloSession = await apiSignIn(server, paolo);
    await expect
      .poll(async () => {
        const inbox = await server.request({ method: 'GET', url: '/api/notifications', as: paoloSession });
        return (inbox.json() as { unread: number }).unread;
      })
      .toBe(1);

    const { context, page } = await newPage();
    await signIn(page, paolo);
    const pages: Array<[string, string]> = [
      ['/', 'forum-home-activity'],
      [`/tavoli/${labId}`, 'forum-table'],
      ['/aree/cultura', 'forum-focus-area'],
      [`/discussioni/${thread.id}`, 'forum-thread'],
      [`/discussioni/nuova?tavolo=${labId}`, 'forum-new-thread'],
      ['/cerca?q=piano', 'forum-search'],
      ['/cerca?q=zzzzqqq', 'forum-search-empty'],
      ['/notifiche', 'forum-notifications'],
      ['/profilo', 'forum-profile'],
      [`/messaggi/${thread.id}/segnala`, 'forum-flag'],
    ];
    for (const [path, name] of pages) {
      await page.goto(`${server.url}${path}`);
      await audit(page, name);
    }
    await page.goto(`${server.url}/notifiche`);
    expect(
      await page
        .getByRole('link', { name: /Maria Rossi ti ha menzionato/ })
        .first()
        .isVisible(),
    ).toBe(true);
    await context.close();

    const phone = await newPage({ viewport: PHONE });
    await signIn(phone.page, paolo);
    for (const [path, name] of [
      [`/tavoli/${labId}`, 'phone-forum-table'],
      [`/discussioni/${thread.id}`, 'phone-forum-thread'],
      ['/cerca?q=piano', 'phone-forum-search'],
      ['/documenti/nuovo', 'phone-documents-upload'],
    ] as const) {
      await phone.page.goto(`${server.url}${path}`);
      await audit(phone.page, name);
      // Nothing but the navigation bar's own scroller may scroll sideways on a phone.
      const width = await phone.page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      );
      expect(width, name).toBeLessThanOrEqual(PHONE.width);
    }
    await phone.context.close();
  });
});

describe('the tutoring, document and person pages', () => {
  it('pass the accessibility checks, and the accept button (a plain form) resolves a question', async () => {
    const admin = await newUser(server, { role: 'admin' });
    const tutor = await newUser(server, { role: 'tutor', displayName: 'Carla Tutor' });
    const tableId = (await newTable(server, { name: 'Laboratorio di Taranto', kind: 'lab', members: [maria, tutor] }))
      .id;
    const pooled = await server.request({
      method: 'PUT',
      url: `/api/tutoring/pools/${tableId}/tutors/${tutor.id}`,
      as: await apiSignIn(server, admin),
      payload: {},
    });
    expect(pooled.statusCode).toBe(204);
    const mariaSession = await apiSignIn(server, maria);
    const { thread } = await newThread(server, mariaSession, {
      tableId,
      kind: 'question',
      title: 'Come si compila il quadro economico?',
    });
    const answer = await newReply(server, await apiSignIn(server, tutor), thread.id, 'Con il **modello C**.');
    await newThread(server, mariaSession, { tableId, kind: 'question', title: 'Serve la firma digitale?' });
    const document = await newDocument(server, mariaSession, { tableId: String(tableId) });

    const asker = await newPage();
    await signIn(asker.page, maria);
    await asker.page.goto(`${server.url}/discussioni/${thread.id}`);
    await audit(asker.page, 'tutoring-question');
    await asker.page.getByRole('button', { name: 'Accetta questa risposta' }).click();
    await asker.page.waitForURL(`${server.url}/discussioni/${thread.id}#post-${answer.number}`);
    expect(await asker.page.getByRole('heading', { name: 'Risposta accettata' }).isVisible()).toBe(true);
    await audit(asker.page, 'tutoring-accepted-answer');
    for (const [path, name] of [
      ['/documenti', 'documents-library'],
      ['/documenti/nuovo', 'documents-upload-form'],
      [`/documenti/${document.id}`, 'documents-document'],
      [`/u/${tutor.handle}`, 'person'],
    ] as const) {
      await asker.page.goto(`${server.url}${path}`);
      await audit(asker.page, name);
    }
    await asker.context.close();

    const tutorPage = await newPage();
    await signIn(tutorPage.page, tutor);
    for (const [path, name] of [
      ['/tutoraggio', 'tutoring-queue'],
      ['/tutoraggio/metriche', 'tutoring-metrics'],
    ] as const) {
      await tutorPage.page.goto(`${server.url}${path}`);
      await audit(tutorPage.page, name);
    }
    await tutorPage.context.close();
  });

  it('a tutor finds the assigned question in the queue and answers it; a moderator publishes a submitted document', async () => {
    const admin = await newUser(server, { role: 'admin' });
    const tutor = await newUser(server, { role: 'tutor', displayName: 'Nadia Tutor' });
    const moderator = await newUser(server, { role: 'moderator', displayName: 'Marco Moderatore' });
    const tableId = (
      await newTable(server, { name: 'Laboratorio di Brindisi', kind: 'lab', members: [maria, tutor, moderator] })
    ).id;
    await server.request({
      method: 'PUT',
      url: `/api/tutoring/pools/${tableId}/tutors/${tutor.id}`,
      as: await apiSignIn(server, admin),
      payload: {},
    });
    const mariaSession = await apiSignIn(server, maria);
    const { thread } = await newThread(server, mariaSession, {
      tableId,
      kind: 'question',
      title: 'Chi firma la lettera di intenti?',
    });
    const document = await newDocument(server, mariaSession, {
      tableId: String(tableId),
      title: 'Rapporto di analisi organizzativa',
    });
    const submitted = await server.request({
      method: 'POST',
      url: `/api/documents/${document.id}/transitions`,
      as: mariaSession,
      payload: { to: 'submitted' },
    });
    expect(submitted.statusCode).toBe(200);

    const tutorPage = await newPage();
    await signIn(tutorPage.page, tutor);
    await tutorPage.page.goto(`${server.url}/tutoraggio`);
    await tutorPage.page.getByRole('link', { name: 'Chi firma la lettera di intenti?' }).click();
    await tutorPage.page.waitForURL(new RegExp(`/discussioni/${thread.id}`));
    await tutorPage.page.getByLabel('Il tuo messaggio').fill('La firma il sindaco o un suo delegato.');
    await tutorPage.page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await tutorPage.page.waitForURL(/#post-2$/);
    expect(await tutorPage.page.getByText('La firma il sindaco o un suo delegato.').isVisible()).toBe(true);
    const answered = await server.request({ method: 'GET', url: `/api/threads/${thread.id}`, as: mariaSession });
    expect(answered.json().thread.question.status).toBe('answered');
    await tutorPage.context.close();

    const moderatorPage = await newPage();
    await signIn(moderatorPage.page, moderator);
    await moderatorPage.page.goto(`${server.url}/moderazione/revisione`);
    expect(await moderatorPage.page.getByRole('link', { name: document.title }).count()).toBeGreaterThan(0);
    await audit(moderatorPage.page, 'moderation-review-queue');
    await moderatorPage.page.goto(`${server.url}/documenti/${document.id}`);
    await moderatorPage.page.getByRole('button', { name: 'Pubblica', exact: true }).click();
    await moderatorPage.page.waitForURL(new RegExp(`/documenti/${document.id}`));
    await audit(moderatorPage.page, 'documents-published');
    const published = await server.request({ method: 'GET', url: `/api/documents/${document.id}`, as: mariaSession });
    expect(published.json().document.status).toBe('published');
    await moderatorPage.context.close();
  });
});
