import { type RunningWorker, startWorker } from '@hubspoke/worker';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newReply, newTable, newThread, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let worker: RunningWorker;
let browser: Browser;
type User = Awaited<ReturnType<typeof newUser>>;
let maria: User;
let paolo: User;
let marco: User;
let labId: number;

beforeAll(async () => {
  server = await startWebServer({ POST_MAX_PER_WINDOW: '1000' });
  // The worker turns posts into notifications, so the header badge has something to count live.
  worker = await startWorker(server.config, { log: () => {} });
  browser = await launchBrowser();
  maria = await newUser(server, { displayName: 'Maria Rossi' });
  paolo = await newUser(server, { displayName: 'Paolo Verdi' });
  marco = await newUser(server, { displayName: 'Marco Moderatore', role: 'moderator' });
  labId = (await newTable(server, { name: 'Laboratorio di Lecce', kind: 'lab', members: [maria, paolo, marco] })).id;
  await newTable(server, { name: 'Tavolo regionale Puglia', kind: 'regional', members: [maria] });
});
afterAll(async () => {
  await browser?.close();
  await worker?.close();
  await server?.close();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

const composer = (page: Page) => page.getByRole('textbox', { name: /^Il tuo messaggio/ });

describe('the forum with JavaScript', () => {
  it('starts a thread, replies, and sees the other person’s reply arrive live, without reloading', async () => {
    const writer = await newPage();
    await signIn(writer.page, maria);
    await writer.page.getByRole('link', { name: 'Laboratorio di Lecce' }).first().click();
    await writer.page.getByRole('link', { name: 'Nuova discussione' }).click();
    expect(await writer.page.getByLabel(/^Tavolo/).inputValue()).toBe(String(labId));
    await writer.page.getByLabel(/^Area tematica/).selectOption('cultura');
    await writer.page.getByRole('textbox', { name: /^Titolo/ }).fill('Ecomusei e turismo lento');
    await writer.page.getByRole('textbox', { name: /^Primo messaggio/ }).fill('Chi ha esperienza di **ecomusei**?');
    await writer.page.getByRole('button', { name: 'Anteprima' }).click();
    await expect.poll(() => writer.page.locator('[data-preview] strong').textContent()).toBe('ecomusei');
    expect(writer.page.url()).toBe(`${server.url}/discussioni/nuova?tavolo=${labId}`);
    await writer.page.getByRole('button', { name: 'Apri la discussione' }).click();
    await writer.page.waitForURL(/\/discussioni\/\d+$/);
    expect(await writer.page.locator('h1').textContent()).toBe('Ecomusei e turismo lento');
    const threadUrl = writer.page.url();

    const reader = await newPage();
    await signIn(reader.page, paolo);
    await reader.page.goto(threadUrl);
    expect(await reader.page.locator('#post-1').textContent()).toContain('Chi ha esperienza di ecomusei?');

    await composer(writer.page).fill(`Aggiungo un dettaglio per @${paolo.handle}.`);
    await writer.page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await writer.page.waitForURL(/#post-2$/);
    expect(await writer.page.locator('#post-2').textContent()).toContain('Aggiungo un dettaglio');

    // The reader never reloads: the bar and the badge change under their eyes.
    const bar = reader.page.locator('[data-live-bar]');
    await expect.poll(() => bar.textContent(), { timeout: 15_000 }).toContain('1 nuova risposta');
    await expect.poll(() => reader.page.locator('[data-unread-count]').textContent(), { timeout: 15_000 }).toBe('1');
    expect(await reader.page.locator('#post-2').count()).toBe(0);
    await audit(reader.page, 'forum-thread-live');
    await bar.getByRole('link', { name: 'mostra' }).click();
    await reader.page.waitForURL(/#post-2$/);
    expect(await reader.page.locator('#post-2').textContent()).toContain('Aggiungo un dettaglio');

    // Quoting fills the composer in place.
    const before = reader.page.url();
    await reader.page.locator('#post-1').getByRole('link', { name: 'Cita' }).click();
    await expect.poll(() => composer(reader.page).inputValue()).toContain('> Chi ha esperienza di **ecomusei**?');
    expect(reader.page.url()).toBe(before);
    await writer.context.close();
    await reader.context.close();
  });

  it('lets a moderator hide a flagged post from the moderation page', async () => {
    const session = await apiSignIn(server, maria);
    const { thread } = await newThread(server, session, { tableId: labId, title: 'Calendario degli incontri' });
    await newReply(server, session, thread.id, 'Un messaggio che qualcuno troverà fuori luogo');

    const flagger = await newPage();
    await signIn(flagger.page, paolo);
    await flagger.page.goto(`${server.url}/discussioni/${thread.id}`);
    const article = flagger.page.locator('#post-2');
    await article.locator('summary', { hasText: 'Segnala' }).click();
    await article.getByLabel('Motivo della segnalazione').fill('Fuori tema');
    await article.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await expect.poll(() => flagger.page.locator('[data-flash]').textContent()).toContain('Segnalazione inviata');

    const moderator = await newPage();
    await signIn(moderator.page, marco);
    await moderator.page.getByRole('link', { name: 'Moderazione' }).click();
    expect(await moderator.page.getByText('Fuori tema').count()).toBe(1);
    await audit(moderator.page, 'forum-moderation');
    await moderator.page.getByRole('button', { name: 'Nascondi il messaggio' }).click();
    await expect.poll(() => moderator.page.getByRole('status').textContent()).toContain('Messaggio nascosto');
    await moderator.page.getByRole('link', { name: 'Registro' }).click();
    expect(
      await moderator.page
        .getByRole('cell', { name: 'Marco Moderatore ha accolto una segnalazione in «Calendario degli incontri»' })
        .count(),
    ).toBe(1);
    await audit(moderator.page, 'forum-audit-log');
    await moderator.page.goto(`${server.url}/discussioni/${thread.id}`);
    await audit(moderator.page, 'forum-thread-moderator');

    await flagger.page.goto(`${server.url}/discussioni/${thread.id}`);
    expect(await flagger.page.locator('#post-2').textContent()).toContain('Messaggio nascosto dai moderatori.');
    await flagger.context.close();
    await moderator.context.close();
  });
});

describe('the forum without JavaScript', () => {
  it('reads, quotes, previews and replies with plain links and forms', async () => {
    const session = await apiSignIn(server, maria);
    await newThread(server, session, { tableId: labId, title: 'Partenariati nei Balcani' });
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await signIn(page, paolo);
    await page.getByRole('link', { name: 'Laboratorio di Lecce' }).first().click();
    await page.getByRole('link', { name: 'Partenariati nei Balcani' }).click();
    expect(await page.locator('h1').textContent()).toBe('Partenariati nei Balcani');

    await page.locator('#post-1').getByRole('link', { name: 'Cita' }).click();
    expect(await composer(page).inputValue()).toContain('> Primo messaggio della discussione.');
    await composer(page).fill('Una risposta _senza_ JavaScript.');
    await page.getByRole('button', { name: 'Anteprima' }).click();
    expect(await page.locator('[data-preview] em').textContent()).toBe('senza');
    expect(await composer(page).inputValue()).toBe('Una risposta _senza_ JavaScript.');
    await page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await page.waitForURL(/#post-2$/);
    expect(await page.locator('#post-2').textContent()).toContain('Una risposta senza JavaScript.');
    await context.close();
  });
});
