import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newEnte, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let participant: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  const ente = await newEnte(server, { name: 'Comune di Brindisi', region: 'Puglia' });
  participant = await newUser(server, { displayName: 'Paola Brindisi', enteId: ente.id });
  const session = await apiSignIn(server, participant);
  // One stakeholder already kept, so the page shows its table.
  const stakeholder = await server.request({
    method: 'POST',
    url: '/api/stakeholders',
    as: session,
    payload: {
      name: 'Camera di commercio di Brindisi',
      kind: 'camera_di_commercio',
      region: 'Puglia',
      sectors: ['internazionalizzazione_impresa'],
      countries: ['AL'],
      website: 'https://www.br.camcom.it',
      email: 'info@br.camcom.it',
      enteId: ente.id,
    },
  });
  if (stakeholder.statusCode !== 201) throw new Error(stakeholder.body);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { newPage, audit, signIn } = browserHelpers(
  () => browser,
  () => server.url,
);

describe('a participant', () => {
  it('fills the new sheet form, lands on the sheet, and finds it in the list', async () => {
    const { page, context } = await newPage();
    await signIn(page, participant);
    await page.getByRole('link', { name: 'Esperienze', exact: true }).click();
    await page.waitForURL(`${server.url}/esperienze`);
    await audit(page, 'experiences-empty');
    await page.getByRole('link', { name: 'Nuova scheda' }).click();
    await page.waitForURL(`${server.url}/esperienze/nuova`);
    await audit(page, 'experience-form');

    await page.getByLabel(/^Titolo/).fill('Porti gemelli Brindisi–Valona');
    await page.getByLabel(/^Descrizione/).fill('Formazione comune del personale portuale delle due città.');
    await page.getByLabel(/^Area tematica/).selectOption('cultura');
    await page.getByLabel(/^Dal \(anno\)/).fill('2018');
    await page.getByLabel(/^Al \(anno\)/).fill('2020');
    await page.getByLabel(/^Paesi coinvolti/).selectOption(['AL', 'ME']);
    // The styled checkboxes are ticked through their labels, as a reader does.
    const sectors = page.getByRole('group', { name: 'Settori' });
    for (const name of ['Trasporti', 'Formazione']) {
      await sectors.locator('label', { hasText: name }).click();
      expect(await sectors.getByLabel(name).isChecked()).toBe(true);
    }
    await page.getByLabel(/^Partner/).fill('Autorità portuale di Valona\nComune di Valona');
    await page.getByLabel(/^Fondo/).fill('IPA');
    await page.getByLabel(/^Budget/).fill('250000');
    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.waitForURL(/\/esperienze\/\d+$/);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Scheda salvata in bozza');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Porti gemelli Brindisi–Valona');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('2018–2020');
    expect(main).toContain('Albania, Montenegro');
    expect(main).toMatch(/250\.000\s€/);
    await audit(page, 'experience-sheet');

    await page.getByRole('link', { name: 'Torna alle esperienze' }).click();
    await page.waitForURL(`${server.url}/esperienze`);
    await expect.poll(() => page.getByRole('link', { name: 'Porti gemelli Brindisi–Valona' }).count()).toBe(1);
    await page.getByLabel('Settore').selectOption('trasporti');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.waitForURL(/settore=trasporti/);
    expect(await page.getByRole('link', { name: 'Porti gemelli Brindisi–Valona' }).count()).toBe(1);
    await audit(page, 'experiences-list');
    await context.close();
  });

  it('reads the stakeholders as a table and adds one through the form', async () => {
    const { page, context } = await newPage();
    await signIn(page, participant);
    await page.goto(`${server.url}/stakeholder`);
    expect(await page.getByRole('table', { name: /Stakeholder del territorio/ }).count()).toBe(1);
    await audit(page, 'stakeholders');
    await page.getByRole('link', { name: 'Aggiungi uno stakeholder' }).click();
    await page.waitForURL(`${server.url}/stakeholder/nuovo`);
    await audit(page, 'stakeholder-form');
    await page.getByLabel(/^Nome/).fill('Università del Salento');
    await page.getByLabel(/^Tipo/).selectOption('universita');
    await page.getByLabel(/^Regione o territorio/).fill('Puglia');
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await page.waitForURL(`${server.url}/stakeholder`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Università del Salento');
    expect(await page.getByRole('rowheader', { name: 'Università del Salento' }).count()).toBe(1);
    await context.close();
  });
});
