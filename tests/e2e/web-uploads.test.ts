import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { uploadFolder } from '../support/documents.js';
import { signIn as apiSignIn, newTable, newThread, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let folder: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  folder = await uploadFolder();
  server = await startWebServer({ POST_MAX_PER_WINDOW: '1000', UPLOAD_DIR: folder.dir });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await folder?.remove();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

describe('pictures in posts', () => {
  it('a member attaches a picture with the file field, posts, and sees its thumbnail; a non-member gets the not-found page', async () => {
    const writer = await newUser(server, { displayName: 'Chiara Fontana' });
    const stranger = await newUser(server, { displayName: 'Marco Esterno' });
    const table = await newTable(server, { kind: 'lab', members: [writer] });
    const { thread } = await newThread(server, await apiSignIn(server, writer), {
      tableId: table.id,
      title: 'Il sopralluogo in piazza',
    });
    const picture = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#2e7d32' } })
      .jpeg()
      .toBuffer();

    const { page, context } = await newPage();
    await signIn(page, writer);
    await page.goto(`${server.url}/discussioni/${thread.id}`);
    const composer = page.getByRole('textbox', { name: /^Il tuo messaggio/ });
    await composer.fill('Ecco la piazza:');
    await page
      .getByLabel("Allega un'immagine o un file")
      .setInputFiles({ name: 'piazza.jpg', mimeType: 'image/jpeg', buffer: picture });
    await expect.poll(() => composer.inputValue()).toMatch(/^Ecco la piazza:\n!\[piazza\.jpg\]\(\/allegati\/\d+\)\n$/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'piazza.jpg allegato' }).count()).toBe(1);
    await audit(page, 'composer-upload');
    const id = /\/allegati\/(\d+)/.exec(await composer.inputValue())?.[1];

    await page.getByRole('button', { name: 'Pubblica la risposta' }).click();
    const thumbnail = page.locator(`.post-body a[href="/allegati/${id}"] img[src="/allegati/${id}/anteprima"]`);
    await expect.poll(() => thumbnail.count()).toBe(1);
    expect(await thumbnail.getAttribute('alt')).toBe('piazza.jpg');
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(800);
    await audit(page, 'post-with-picture');
    await context.close();

    const outside = await newPage();
    await signIn(outside.page, stranger);
    const response = await outside.page.goto(`${server.url}/allegati/${id}`);
    expect(response?.status()).toBe(404);
    expect(await outside.page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    await audit(outside.page, 'picture-not-found');
    await outside.context.close();
  });
});
