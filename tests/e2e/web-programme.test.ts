import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newEnte, newTable, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let admin: Awaited<ReturnType<typeof newUser>>;
let enteId: number;

const TEXTS = {
  patto: ['Mi impegno a seguire **tutto il percorso** del programma.', 'I commit to the whole path.'],
  privacy: ['Informativa sul trattamento dei dati personali.', 'Privacy notice.'],
  liberatoria: ['Acconsento a mostrare il mio CV nell’elenco delle competenze.', 'I consent to the directory.'],
};

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  admin = await newUser(server, { role: 'admin', displayName: 'Anna Amministratrice' });
  const session = await apiSignIn(server, admin);
  for (const [kind, [textIt, textEn]] of Object.entries(TEXTS)) {
    const published = await server.request({
      method: 'POST',
      url: `/api/admin/consents/${kind}/versions`,
      as: session,
      payload: { textIt, textEn },
    });
    if (published.statusCode !== 201) throw new Error(published.body);
  }
  await server.request({ method: 'POST', url: '/api/consents/privacy/accept', as: session, payload: { version: 1 } });
  enteId = (await newEnte(server, { name: 'Comune di Taranto', region: 'Puglia' })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const {
  newPage,
  audit,
  submitSignIn: signInThroughForm,
} = browserHelpers(
  () => browser,
  () => server.url,
);

describe('a new participant', () => {
  it('is asked for the Patto and the privacy notice, accepts them, and can then write', async () => {
    const person = await newUser(server, { displayName: 'Giorgia Conti', enteId });
    const table = await newTable(server, { name: 'Tavolo regionale Puglia', kind: 'regional', members: [person] });
    const { page, context } = await newPage();
    await signInThroughForm(page, person);
    await page.waitForURL(/\/consensi\/patto\?chiesto=1/);
    expect(await page.locator('.consent-text strong').textContent()).toBe('tutto il percorso');
    await audit(page, 'programme-consent-asked');
    await page.getByRole('button', { name: 'Accetto' }).click();
    await page.waitForURL(/\/consensi\/privacy\?chiesto=1/);
    await page.getByRole('button', { name: 'Accetto' }).click();
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('il tuo consenso è registrato');

    await page.goto(`${server.url}/consensi`);
    await audit(page, 'programme-consents');
    expect(await page.getByText('Hai accettato la versione 1').count()).toBe(2);

    await page.goto(`${server.url}/discussioni/nuova?tavolo=${table.id}`);
    await page.getByLabel(/^Area tematica/).selectOption('cultura');
    await page.getByRole('textbox', { name: /^Titolo/ }).fill('Il primo passo del percorso');
    await page.getByRole('textbox', { name: /^Primo messaggio/ }).fill('Abbiamo firmato il Patto.');
    await page.getByRole('button', { name: 'Apri la discussione' }).click();
    await page.waitForURL(/\/discussioni\/\d+$/);
    await context.close();
  });

  it('who puts the Patto off can read, and is told why a write is refused', async () => {
    const person = await newUser(server, { displayName: 'Pietro Gallo' });
    const table = await newTable(server, { kind: 'regional', members: [person] });
    const { page, context } = await newPage();
    await signInThroughForm(page, person);
    await page.waitForURL(/\/consensi\/patto\?chiesto=1/);
    // One "later" puts off everything asked, until a newer version.
    await page.getByRole('button', { name: 'Più tardi' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/tavoli`);
    expect(page.url()).toBe(`${server.url}/tavoli`);

    await page.goto(`${server.url}/discussioni/nuova?tavolo=${table.id}`);
    await page.getByLabel(/^Area tematica/).selectOption('cultura');
    await page.getByRole('textbox', { name: /^Titolo/ }).fill('Una domanda prima di firmare');
    await page.getByRole('textbox', { name: /^Primo messaggio/ }).fill('Posso scrivere?');
    await page.getByRole('button', { name: 'Apri la discussione' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('accetta prima il Patto');
    await context.close();
  });
});

describe('the path to the directory', () => {
  it('goes Patto → CV → Liberatoria → the competence directory, each page passing the accessibility checks', async () => {
    const person = await newUser(server, { displayName: 'Marta Ruggiero', enteId });
    const { page, context } = await newPage();
    await signInThroughForm(page, person);
    for (const kind of ['patto', 'privacy']) {
      await page.waitForURL(new RegExp(`/consensi/${kind}\\?chiesto=1`));
      await page.getByRole('button', { name: 'Accetto' }).click();
    }
    await page.waitForURL(`${server.url}/`);

    await page.goto(`${server.url}/profilo/cv`);
    await page.getByLabel(/^Titolo professionale/).fill('Esperta di progettazione europea');
    await page.getByLabel('Competenza 1').fill('Valorizzazione del patrimonio culturale');
    await page.getByRole('button', { name: 'Salva il CV' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBeTruthy();
    await audit(page, 'programme-cv-editor');
    await page
      .getByRole('link', { name: /Liberatoria/ })
      .first()
      .click();
    await page.waitForURL(/\/consensi\/liberatoria/);
    await page.getByRole('button', { name: 'Accetto' }).click();
    await page.waitForURL(/\/profilo\/cv|\/consensi/);

    await page.goto(`${server.url}/competenze?q=patrimonio`);
    await expect.poll(() => page.getByRole('link', { name: 'Marta Ruggiero' }).count()).toBe(1);
    await audit(page, 'programme-directory');
    await page.getByRole('link', { name: 'Marta Ruggiero' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Esperta di progettazione europea');
    await audit(page, 'programme-directory-entry');
    await context.close();
  });
});

describe('an admin', () => {
  it('reads who signed, the enti, and the erase page, all passing the accessibility checks', async () => {
    const { page, context } = await newPage();
    await signInThroughForm(page, admin);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/admin/consensi`);
    expect(await page.getByText('Versione attuale: 1').count()).toBe(3);
    await audit(page, 'programme-admin-consents');
    await page.getByRole('link', { name: 'Chi ha accettato' }).first().click();
    await page.waitForURL(/\/admin\/consensi\/[a-z]+$/);
    await audit(page, 'programme-admin-acceptances');
    await page.goto(`${server.url}/enti`);
    await page.getByRole('link', { name: 'Comune di Taranto' }).click();
    await page.waitForURL(`${server.url}/enti/${enteId}`);
    await audit(page, 'programme-ente');
    await page.goto(`${server.url}/profilo/elimina`);
    await audit(page, 'programme-erase');
    await context.close();
  });
});
