import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { signIn as apiSignIn, newEnte, newTable, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const {
  newPage,
  audit,
  signIn: signInThroughForm,
} = browserHelpers(
  () => browser,
  () => server.url,
);

/** Bootstrap Italia draws its own boxes over the inputs: one ticks them by their label, as people do. */
async function tick(page: Awaited<ReturnType<typeof newPage>>['page'], label: string) {
  await page.locator('label.form-check-label').getByText(label, { exact: true }).click();
  expect(await page.getByRole('checkbox', { name: label }).isChecked()).toBe(true);
}

describe('the priorità questionnaire', () => {
  it('is answered from the home page, corrected where the page says, and read as a chart', async () => {
    // No consent is published here, so nobody is asked for one before the pages.
    const moderator = await newUser(server, { role: 'moderator', displayName: 'Marco Moderatore' });
    const ente = await newEnte(server, { name: 'Comune di Brindisi', region: 'Puglia' });
    const person = await newUser(server, { displayName: 'Giorgia Conti', enteId: ente.id });
    await newTable(server, { name: 'Tavolo regionale Puglia', kind: 'regional', members: [person] });
    // The moderator makes it from the template on the staff page.
    const staff = await newPage();
    await signInThroughForm(staff.page, moderator);
    await staff.page.goto(`${server.url}/moderazione/questionari`);
    await audit(staff.page, 'survey-manage');
    await staff.page.getByLabel(/^Modello/).selectOption('priorita');
    await staff.page.getByRole('textbox', { name: /^Titolo/ }).fill('Le priorità di Brindisi');
    await staff.page.locator('label.form-check-label').getByText('Tavolo regionale Puglia', { exact: true }).click();
    await staff.page.getByRole('button', { name: 'Crea il questionario' }).click();
    await staff.page.waitForURL(/\/questionari\/\d+$/);
    const id = Number(staff.page.url().split('/').pop());
    expect(await staff.page.getByRole('heading', { level: 1 }).textContent()).toBe('Le priorità di Brindisi');

    // Without JavaScript: the form is plain HTML.
    const { page } = await newPage({ javaScriptEnabled: false });
    await signInThroughForm(page, person);
    await page.getByRole('link', { name: 'Le priorità di Brindisi' }).click();
    await page.waitForURL(`${server.url}/questionari/${id}`);

    await tick(page, 'Cultura');
    await tick(page, 'Altro (specificare)');
    await page.getByRole('button', { name: 'Invia' }).click();
    // The "Altro" text is missing and the areas are required: the page names both questions.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('«Settori prioritari»');
    expect(await page.locator('#q-aree-error').textContent()).toContain('«Aree geografiche e Paesi»');

    await page.getByRole('textbox', { name: 'Specifica: Altro (specificare)' }).fill('Turismo sostenibile');
    await tick(page, 'Balcani occidentali (specificare Paesi)');
    await page.getByLabel('Paesi (specificare)').selectOption(['AL', 'ME']);
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.waitForURL(`${server.url}/questionari/${id}`);
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Risposta inviata');

    // The form passes axe (which needs JavaScript, so in a second window).
    const checked = await newPage();
    await signInThroughForm(checked.page, person);
    await checked.page.goto(`${server.url}/questionari/${id}`);
    await audit(checked.page, 'survey-form');
    await checked.page.goto(`${server.url}/questionari`);
    await audit(checked.page, 'survey-list');

    // The moderator reads the results: a chart with its name and the numbers as text.
    await staff.page.goto(`${server.url}/questionari/${id}/risultati`);
    const chart = staff.page.getByRole('img', { name: 'Settori prioritari' });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await staff.page.locator('#chart-0-desc').textContent()).toContain('Cultura: 1.');
    expect(await staff.page.locator('table.visually-hidden').first().textContent()).toContain('Altro (specificare)1');
    expect(await staff.page.getByText('Turismo sostenibile').count()).toBe(1);
    await audit(staff.page, 'survey-results');
  });

  it('shows an ente’s profile questionnaire on its page', async () => {
    const moderator = await newUser(server, { role: 'moderator' });
    const ente = await newEnte(server, { name: 'Comune di Matera', region: 'Basilicata' });
    const person = await newUser(server, { enteId: ente.id });
    const table = await newTable(server, { kind: 'regional', members: [person] });
    const created = await server.request({
      method: 'POST',
      url: '/api/surveys',
      as: await apiSignIn(server, moderator),
      payload: { title: 'Profilo dell’ente', template: 'ente_profile', respondent: 'ente', tableIds: [table.id] },
    });
    const saved = await server.request({
      method: 'PUT',
      url: `/api/surveys/${created.json().survey.id}/response`,
      as: await apiSignIn(server, person),
      payload: {
        answers: {
          esperienza: 'si',
          esperienza_anni: 5,
          strategia_formalizzata: 'no',
          ufficio_cooperazione: 'no',
          sistema_informatizzato: 'no',
          paesi_interventi: ['AL', 'TN'],
        },
        submit: true,
      },
    });
    expect(saved.statusCode).toBe(200);
    const { page } = await newPage();
    await signInThroughForm(page, person);
    await page.goto(`${server.url}/enti/${ente.id}`);
    expect(await page.locator('.ente-profile').textContent()).toContain('Albania; Tunisia');
    await audit(page, 'ente-profile');
  });
});
