import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newReply, newTable, newThread, newUser } from '../support/factories.js';
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

describe('the composer', () => {
  it('suggests the people of the table while "@gi" is typed, and Enter writes the handle', async () => {
    const writer = await newUser(server, { displayName: 'Elena Costa' });
    const giorgio = await newUser(server, { displayName: 'Giorgio Lamberti' });
    const table = await newTable(server, { kind: 'lab', members: [writer, giorgio] });
    const { thread } = await newThread(server, await apiSignIn(server, writer), {
      tableId: table.id,
      title: 'Una riunione a Bari',
    });

    const { page, context } = await newPage();
    await signIn(page, writer);
    await page.goto(`${server.url}/discussioni/${thread.id}`);
    const composer = page.getByRole('textbox', { name: /^Il tuo messaggio/ });
    await composer.click();
    await composer.pressSequentially('Ne parlo con @gio');
    const option = page.getByRole('option', { name: `Giorgio Lamberti @${giorgio.handle}` });
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.getAttribute('aria-selected')).toBe('true');
    await audit(page, 'composer-mentions');
    await composer.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe(`Ne parlo con @${giorgio.handle} `);
    expect(await page.getByRole('listbox').isHidden()).toBe(true);
    await context.close();
  });

  it('has a formatting toolbar that writes Markdown, and none without JavaScript', async () => {
    const writer = await newUser(server, { displayName: 'Sofia Rinaldi' });
    const table = await newTable(server, { kind: 'lab', members: [writer] });
    const { thread } = await newThread(server, await apiSignIn(server, writer), {
      tableId: table.id,
      title: 'Note di formattazione',
    });
    const { page, context } = await newPage();
    await signIn(page, writer);
    await page.goto(`${server.url}/discussioni/${thread.id}`);
    const composer = page.getByRole('textbox', { name: /^Il tuo messaggio/ });
    await composer.fill('importante');
    await composer.evaluate((element) => (element as unknown as { select(): void }).select());
    await page.getByRole('toolbar', { name: 'Formattazione' }).getByRole('button', { name: 'Grassetto' }).click();
    expect(await composer.inputValue()).toBe('**importante**');
    await page.getByRole('button', { name: 'Citazione' }).click();
    expect(await composer.inputValue()).toBe('> **importante**');
    await context.close();

    const plain = await newPage({ javaScriptEnabled: false });
    await signIn(plain.page, writer);
    await plain.page.goto(`${server.url}/discussioni/${thread.id}`);
    expect(await plain.page.getByRole('toolbar', { name: 'Formattazione' }).count()).toBe(0);
    await plain.context.close();
  });
});

describe('likes', () => {
  it('update their count live on another reader’s page', async () => {
    const author = await newUser(server, { displayName: 'Autrice Del Post' });
    const reader = await newUser(server, { displayName: 'Lettore Uno' });
    const liker = await newUser(server, { displayName: 'Lettrice Due' });
    const table = await newTable(server, { kind: 'lab', members: [author, reader, liker] });
    const { thread, post } = await newThread(server, await apiSignIn(server, author), {
      tableId: table.id,
      title: 'Da apprezzare',
    });

    const watching = await newPage();
    await signIn(watching.page, reader);
    await watching.page.goto(`${server.url}/discussioni/${thread.id}`);
    const count = watching.page.locator('#post-1 [data-like-count]');
    expect(await count.textContent()).toBe('0');
    // No need to wait for the live connection: it replays every event since the page was rendered.

    const liked = await server.request({
      method: 'POST',
      url: `/api/posts/${post.id}/reactions`,
      as: await apiSignIn(server, liker),
      payload: { kind: 'like' },
    });
    expect(liked.statusCode).toBeLessThan(300);
    await expect.poll(() => count.textContent(), { timeout: 5_000 }).toBe('1');
    await watching.context.close();
  });
});

describe('a confirmation', () => {
  it('stays in sight when the action sends the reader down the page, and can be closed', async () => {
    const author = await newUser(server, { displayName: 'Autore Lungo' });
    const reader = await newUser(server, { displayName: 'Lettrice Attenta' });
    const table = await newTable(server, { kind: 'lab', members: [author, reader] });
    const session = await apiSignIn(server, author);
    const { thread } = await newThread(server, session, { tableId: table.id, title: 'Una discussione lunga' });
    for (let i = 0; i < 12; i++)
      await newReply(server, session, thread.id, `Risposta numero ${i}\n\n${'Testo. '.repeat(60)}`);

    const { page, context } = await newPage();
    await signIn(page, reader);
    await page.goto(`${server.url}/discussioni/${thread.id}`);
    const last = page.locator('#post-13');
    await last.locator('summary', { hasText: 'Segnala' }).click();
    await last.getByLabel('Motivo della segnalazione').fill('Fuori tema');
    await last.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await page.waitForURL(/#post-13$/);
    const message = page.getByRole('status').filter({ hasText: 'Segnalazione inviata' });
    const box = await message.boundingBox();
    const height = page.viewportSize()?.height ?? 0;
    expect(box && box.y >= 0 && box.y + box.height <= height).toBe(true);
    await message.getByRole('button', { name: 'Chiudi' }).click();
    expect(await message.count()).toBe(0);
    await context.close();
  });

  it('keeps a half-written reply when the tab is closed, and brings it back on the next visit', async () => {
    const writer = await newUser(server, { displayName: 'Marta Bozzi' });
    const table = await newTable(server, { kind: 'lab', members: [writer] });
    const { thread } = await newThread(server, await apiSignIn(server, writer), {
      tableId: table.id,
      title: 'Un bando da preparare',
    });
    const first = await newPage();
    await signIn(first.page, writer);
    await first.page.goto(`${server.url}/discussioni/${thread.id}`);
    const composer = first.page.getByRole('textbox', { name: /^Il tuo messaggio/ });
    await composer.fill('Propongo di candidare il progetto entro marzo');
    // A pause in typing saves the draft on the server.
    await expect
      .poll(() => first.page.locator('[data-draft-status]').textContent(), { timeout: 10_000 })
      .toMatch(/Bozza salvata alle/);
    await composer.fill('Propongo di candidare il progetto entro marzo, con Sfax');
    // Closing the tab right after typing still keeps the last words.
    await first.page.close({ runBeforeUnload: true });
    await first.context.close();

    const second = await newPage();
    await signIn(second.page, writer);
    await second.page.goto(`${server.url}/discussioni/${thread.id}`);
    const restored = second.page.getByRole('textbox', { name: /^Il tuo messaggio/ });
    await expect.poll(() => restored.inputValue()).toBe('Propongo di candidare il progetto entro marzo, con Sfax');
    expect(await second.page.locator('[data-draft-status]').textContent()).toContain('Bozza ripresa');
    await audit(second.page, 'composer-draft');
    await second.page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    await second.page.waitForURL(/#post-2$/);
    await second.page.goto(`${server.url}/discussioni/${thread.id}`);
    expect(await second.page.getByRole('textbox', { name: /^Il tuo messaggio/ }).inputValue()).toBe('');
    await second.context.close();
  });
});
