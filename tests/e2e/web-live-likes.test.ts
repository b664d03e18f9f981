import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newTable, newThread, newUser } from '../support/factories.js';
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

const { newPage, signIn } = browserHelpers(
  () => browser,
  () => server.url,
);

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
