import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, DESKTOP, launchBrowser, PHONE } from '../support/browser.js';
import { signIn as apiSignIn, newTable, newThread, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let person: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  // An admin has the longest bar: every item must still show on a wide screen.
  person = await newUser(server, { displayName: 'Chiara Fontana', role: 'admin' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

/** Whether the main menu's items run past the screen's edge (a sideways scroll nobody sees). */
const overflows = (page: Awaited<ReturnType<typeof newPage>>['page']) =>
  page.evaluate(() => {
    const doc = globalThis as unknown as {
      document: { querySelector(s: string): { scrollWidth: number; clientWidth: number } };
    };
    const list = doc.document.querySelector('#main-nav .navbar-nav');
    return list.scrollWidth > list.clientWidth;
  });

describe('the main menu', () => {
  it('folds behind a "Menu" button on a phone, so the page starts with its content', async () => {
    const { page, context } = await newPage({ viewport: PHONE });
    await signIn(page, person);
    const notifications = page
      .getByRole('navigation', { name: 'Navigazione principale' })
      .getByRole('link', { name: /Notifiche/ });
    expect(await notifications.isVisible()).toBe(false);
    await page.getByText('Menu', { exact: true }).click();
    expect(await notifications.isVisible()).toBe(true);
    expect(await overflows(page)).toBe(false);
    await audit(page, 'phone-menu-open');
    await context.close();
  });

  it('is a plain bar on a wide screen, and fully shown on a phone without JavaScript', async () => {
    const wide = await newPage({ viewport: DESKTOP });
    await signIn(wide.page, person);
    expect(await wide.page.getByText('Menu', { exact: true }).isVisible()).toBe(false);
    expect(
      await wide.page
        .getByRole('link', { name: /Notifiche/ })
        .first()
        .isVisible(),
    ).toBe(true);
    await wide.context.close();

    const plain = await newPage({ viewport: PHONE, javaScriptEnabled: false });
    await signIn(plain.page, person);
    expect(
      await plain.page
        .getByRole('navigation', { name: 'Navigazione principale' })
        .getByRole('link', { name: /Profilo/ })
        .isVisible(),
    ).toBe(true);
    expect(await overflows(plain.page)).toBe(false);
    await plain.context.close();
  });

  it('on a phone, a thread starts with its posts: the tools fold behind one button', async () => {
    const table = await newTable(server, { kind: 'lab', members: [person] });
    const { thread } = await newThread(server, await apiSignIn(server, person), {
      tableId: table.id,
      title: 'Prima i messaggi',
    });
    const { page, context } = await newPage({ viewport: PHONE });
    await signIn(page, person);
    await page.goto(`${server.url}/discussioni/${thread.id}`);
    const tools = page.locator('.thread-tools').getByRole('button', { name: /Salva/ });
    expect(await tools.first().isVisible()).toBe(false);
    expect(await page.locator('#post-1').isVisible()).toBe(true);
    await page.getByText('Segui, salva e altri strumenti').click();
    expect(await tools.first().isVisible()).toBe(true);
    await audit(page, 'phone-thread');
    await context.close();
  });
});
