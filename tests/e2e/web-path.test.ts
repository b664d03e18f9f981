import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newTable, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let moderator: Awaited<ReturnType<typeof newUser>>;
let tableId: number;

const DAY = 86_400_000;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  moderator = await newUser(server, { role: 'moderator', displayName: 'Mario Moderatore' });
  const participant = await newUser(server, { displayName: 'Paola Partecipante' });
  const table = await newTable(server, { name: 'Laboratorio di Brindisi', members: [moderator, participant] });
  tableId = table.id;
  const session = await apiSignIn(server, moderator);
  // One session already held, with a product due: the page then shows every part of itself.
  const held = await server.request({
    method: 'POST',
    url: `/api/tables/${tableId}/sessions`,
    as: session,
    payload: {
      title: 'Analisi del contesto locale',
      dimension: 'strategia',
      startsAt: new Date(Date.now() - 5 * DAY).toISOString(),
      days: 1,
      place: 'Palazzo di città, Brindisi',
    },
  });
  if (held.statusCode !== 201) throw new Error(held.body);
  const product = await server.request({
    method: 'POST',
    url: `/api/tables/${tableId}/products`,
    as: session,
    payload: { documentKind: 'strategic_plan', dimension: 'strategia', dueAt: '2030-06-30' },
  });
  if (product.statusCode !== 201) throw new Error(product.body);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { newPage, audit, signIn } = browserHelpers(
  () => browser,
  () => server.url,
);

describe('a moderator', () => {
  it('opens the table’s path, adds a session through the form and finds it there', async () => {
    const { page, context } = await newPage();
    await signIn(page, moderator);
    await page.goto(`${server.url}/tavoli/${tableId}`);
    await page.getByRole('link', { name: 'Percorso', exact: true }).click();
    await page.waitForURL(`${server.url}/tavoli/${tableId}/percorso`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Laboratorio di Brindisi');
    await audit(page, 'path-page');

    const form = page.locator('#new-session');
    await form.getByLabel(/^Titolo della sessione/).fill('Competenze per la cooperazione');
    await form.getByLabel(/^Dimensione/).selectOption('competenze');
    await form.getByLabel(/^Data di inizio/).fill('2030-05-20');
    await form.getByLabel(/^Ora di inizio/).fill('10:00');
    await form.getByLabel(/^Durata in giorni/).fill('1.5');
    await form.getByLabel(/^Luogo/).fill('Sala giunta, Brindisi');
    await form.getByRole('button', { name: 'Aggiungi la sessione' }).click();
    await page.waitForURL(/\/percorso#sessione-\d+$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('aggiunta al percorso');
    const item = page.locator('li', { has: page.getByRole('heading', { name: 'Competenze per la cooperazione' }) });
    expect(await item.textContent()).toContain('1,5 giorni');
    expect(await item.textContent()).toContain('lunedì 20 maggio 2030');
    expect(await item.textContent()).toContain('10:00');

    // The folded forms of a session, opened, pass the checks too.
    await page.getByText('Modifica «Competenze per la cooperazione»').click();
    await page.getByText(/^Presenze \(0\)/).click();
    await audit(page, 'path-page-forms');
    await context.close();
  });

  it('reads the programme’s progress, with the table’s sessions counted', async () => {
    const { page, context } = await newPage();
    await signIn(page, moderator);
    await page.goto(`${server.url}/programma?vista=tavoli`);
    const row = page.getByRole('row', { name: /Laboratorio di Brindisi/ });
    await expect.poll(() => row.textContent()).toContain('1 svolta');
    expect(await row.textContent()).toContain('in programma');
    await audit(page, 'path-programme-progress');
    await context.close();
  });
});
