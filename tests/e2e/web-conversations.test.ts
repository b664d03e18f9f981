import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer({ POST_MAX_PER_WINDOW: '1000' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

/** Set on the page's window: a reload or a navigation would lose it. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { stillHere: boolean }).stillHere = true;
  });
const isSamePage = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere === true);

describe('private conversations in the browser', () => {
  it('are started from the form, and a reply from someone else appears live and is announced', async () => {
    const anna = await newUser(server, { displayName: 'Anna Russo' });
    const bruno = await newUser(server, { displayName: 'Bruno Gallo' });

    const { context, page } = await newPage();
    await signIn(page, anna);
    await page.getByRole('link', { name: 'Messaggi', exact: true }).click();
    await page.waitForURL(`${server.url}/conversazioni`);
    expect(await page.getByText('Non hai ancora conversazioni private.').count()).toBe(1);
    await audit(page, 'conversations-empty');

    await page.getByRole('link', { name: 'Nuova conversazione' }).click();
    await page.getByRole('textbox', { name: /^Destinatari/ }).fill(`@${bruno.handle}`);
    await page.getByRole('textbox', { name: /^Titolo/ }).fill('Gemellaggio con Tunisi');
    await page.getByRole('textbox', { name: /^Messaggio/ }).fill('Ciao Bruno, ci sentiamo per il **gemellaggio**?');
    // Bootstrap Italia draws the box on the label, so the label is what is clicked.
    await page.getByText('È una domanda per un tutor', { exact: true }).click();
    expect(await page.getByLabel('È una domanda per un tutor').isChecked()).toBe(true);
    await audit(page, 'conversations-new');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.waitForURL(/\/conversazioni\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').at(-1));
    expect(await page.locator('h1').textContent()).toBe('Gemellaggio con Tunisi');
    expect(await page.locator('.post-body strong').textContent()).toBe('gemellaggio');
    await audit(page, 'conversations-conversation');

    // Bruno answers through the API while Anna's page stays open.
    await markPage(page);
    await page.waitForTimeout(500);
    const brunoSession = await apiSignIn(server, bruno);
    const reply = await server.request({
      method: 'POST',
      url: `/api/conversations/${id}/messages`,
      as: brunoSession,
      payload: { body: 'Volentieri! <script>window.hacked = true</script> *Giovedì* va bene?' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const messageId = reply.json().message.id as number;

    const arrived = page.locator(`#m-${messageId}`);
    await expect.poll(() => arrived.count()).toBe(1);
    expect(await arrived.locator('.post-author').textContent()).toBe('Bruno Gallo');
    expect(await arrived.locator('.post-body em').textContent()).toBe('Giovedì');
    expect(await arrived.locator('.post-body').textContent()).toContain('<script>window.hacked = true</script>');
    expect(await page.evaluate(() => (globalThis as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
    await expect.poll(() => page.locator('[data-live-announce]').textContent()).toBe('Nuovo messaggio da Bruno Gallo.');
    expect(await isSamePage(page)).toBe(true);
    // A replayed event adds nothing twice.
    expect(await page.locator('[data-message-id]').count()).toBe(2);
    await audit(page, 'conversations-live-reply');

    await page.getByRole('link', { name: 'Tutte le conversazioni' }).click();
    expect(await page.getByRole('link', { name: 'Gemellaggio con Tunisi' }).count()).toBe(1);
    expect(await page.getByText('Domanda al tutor').count()).toBe(1);
    await audit(page, 'conversations-list');
    await context.close();
  });
});
