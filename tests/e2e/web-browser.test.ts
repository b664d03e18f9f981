import { mailOutboxRepo } from '@hubspoke/db';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser, PHONE } from '../support/browser.js';
import { newEnte, newTable, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
let participant: Awaited<ReturnType<typeof newUser>>;
let admin: Awaited<ReturnType<typeof newUser>>;

beforeAll(async () => {
  server = await startWebServer();
  browser = await launchBrowser();
  const ente = await newEnte(server, { name: 'Comune di Lecce' });
  participant = await newUser(server, { displayName: 'Maria Rossi', enteId: ente.id });
  admin = await newUser(server, { displayName: 'Anna Admin', role: 'admin' });
  await newTable(server, { name: 'Laboratorio di Lecce', kind: 'lab', members: [participant] });
  await newTable(server, { name: 'Tavolo regionale Puglia', kind: 'regional', members: [participant, admin] });
  await newTable(server, { name: 'Tavolo interregionale Sud', kind: 'interregional', members: [participant] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

describe('a participant in the browser', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await newPage());
  });
  afterAll(() => context.close());

  it('signs in through the form and sees the home page with their tables', async () => {
    await page.goto(`${server.url}/`);
    expect(page.url()).toBe(`${server.url}/accedi`);
    await audit(page, 'sign-in');
    await page.getByLabel('Email').fill(participant.email);
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email o password errate');
    expect(await page.getByLabel('Email').getAttribute('aria-describedby')).toBe('sign-in-error');
    await audit(page, 'sign-in-error');

    await page.getByLabel(/^Password/).fill(participant.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.locator('h1').textContent()).toBe('Ciao, Maria Rossi');
    for (const name of ['Laboratorio di Lecce', 'Tavolo regionale Puglia', 'Tavolo interregionale Sud']) {
      await expect.poll(() => page.getByRole('link', { name }).count()).toBe(1);
    }
    await audit(page, 'home');
  });

  it('opens the tables list and a table', async () => {
    await page
      .getByRole('navigation', { name: 'Navigazione principale' })
      .getByRole('link', { name: 'Tavoli' })
      .click();
    await audit(page, 'tables');
    await page.getByRole('link', { name: 'Laboratorio di Lecce' }).click();
    expect(await page.locator('h1').textContent()).toBe('Laboratorio di Lecce');
    await audit(page, 'table');
    for (const path of ['/cerca', '/notifiche']) {
      await page.goto(`${server.url}${path}`);
      await audit(page, path.slice(1));
    }
  });

  it('creates a personal API token, shown once, that works as a bearer token', async () => {
    await page.goto(`${server.url}/profilo`);
    await audit(page, 'profile');
    // Tokens are folded under "Avanzate": opened as a person would, by their summary.
    await page.getByText('Token API personali', { exact: true }).click();
    await page.getByLabel('Nome del token').fill('Report mensile');
    await page.getByRole('button', { name: 'Crea un token' }).click();
    const token = await page.getByLabel('Il tuo nuovo token').inputValue();
    expect(token).toMatch(/^hs_/);
    await audit(page, 'profile-token');
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(participant.email);
    await page.reload();
    expect(await page.getByLabel('Il tuo nuovo token').count()).toBe(0);
    await page.getByText('Token API personali', { exact: true }).click();
    expect(await page.getByRole('row', { name: /Report mensile/ }).count()).toBe(1);
  });

  it('switches the interface to English in the preferences', async () => {
    await page.getByLabel('Lingua dell’interfaccia e delle email').selectOption('en');
    await page.getByRole('button', { name: 'Salva la lingua' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Language saved.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Home' }).click();
    expect(await page.locator('h1').textContent()).toBe('Hello, Maria Rossi');
    await audit(page, 'home-en');
  });
});

describe('an admin in the browser', () => {
  it('creates a table and invites someone to it, who accepts in another browser', async () => {
    const { context, page } = await newPage();
    await signIn(page, admin);
    await page.goto(`${server.url}/admin`);
    await audit(page, 'admin');
    await page.getByRole('link', { name: 'Enti', exact: true }).first().click();
    await audit(page, 'admin-enti');

    await page.goto(`${server.url}/admin/tavoli`);
    await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Laboratorio di Taranto');
    await page.getByLabel('Tipo').selectOption('lab');
    await page.getByLabel('Regioni').fill('Puglia');
    await page.getByRole('button', { name: 'Crea tavolo' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Laboratorio di Taranto');
    await audit(page, 'admin-tables');
    await page.getByRole('link', { name: 'Membri di «Laboratorio di Taranto»' }).click();
    await audit(page, 'admin-members');

    await page.goto(`${server.url}/admin/inviti`);
    await page.getByLabel('Email').fill('giulia.bianchi@comune.example.it');
    await page.getByLabel('Ruolo').selectOption('participant');
    // Bootstrap Italia draws the checkbox on its label, which is what a person clicks.
    await page.locator('label', { hasText: 'Laboratorio di Taranto' }).click();
    expect(await page.getByLabel(/Laboratorio di Taranto/).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Invia l’invito' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('giulia.bianchi@comune.example.it');
    await audit(page, 'admin-invitations');
    await page.goto(`${server.url}/admin/utenti`);
    await audit(page, 'admin-users');
    await context.close();

    const mail = await mailOutboxRepo.latestFor(server.db, 'giulia.bianchi@comune.example.it', 'invitation');
    const link = String(mail?.data.url);
    expect(link.startsWith(`${server.url}/invito/`)).toBe(true);
    const invited = await newPage();
    await invited.page.goto(link);
    await audit(invited.page, 'invitation');
    await invited.page.getByLabel('Nome e cognome').fill('Giulia Bianchi');
    await invited.page
      .getByRole('textbox', { name: 'Nuova password', exact: true })
      .fill('una password lunga e sicura');
    await invited.page.getByLabel('Ripeti la nuova password').fill('una password lunga e sicura');
    await invited.page.getByRole('button', { name: 'Crea l’account' }).click();
    await invited.page.waitForURL(`${server.url}/`);
    expect(await invited.page.locator('h1').textContent()).toBe('Ciao, Giulia Bianchi');
    expect(await invited.page.getByRole('link', { name: 'Laboratorio di Taranto' }).count()).toBe(1);
    await invited.context.close();
  });
});

describe('without JavaScript', () => {
  it('signs in, navigates and signs out with plain links and forms', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await signIn(page, admin);
    await page.getByRole('link', { name: 'Tavoli', exact: true }).click();
    await page.getByRole('link', { name: 'Tavolo regionale Puglia' }).click();
    expect(await page.locator('h1').textContent()).toBe('Tavolo regionale Puglia');
    await page.getByRole('link', { name: 'Profilo' }).click();
    expect(await page.locator('h1').textContent()).toBe('Profilo e preferenze');
    await page.getByRole('button', { name: 'Esci' }).click();
    await page.waitForURL(`${server.url}/accedi`);
    expect(await page.getByRole('status').textContent()).toContain('Hai chiuso la sessione');
    await context.close();
  });
});

describe('other pages', () => {
  it('pass the accessibility checks: password reset, error page, and a phone screen', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/password/reimposta`);
    await audit(page, 'password-reset');
    await page.goto(`${server.url}/password/nuova/qualcosa`);
    await audit(page, 'password-new');
    await page.goto(`${server.url}/non-esiste`);
    await audit(page, 'not-found');
    await context.close();

    const phone = await newPage({ viewport: PHONE });
    await phone.page.goto(`${server.url}/accedi`);
    await audit(phone.page, 'phone-sign-in');
    await signIn(phone.page, participant);
    await audit(phone.page, 'phone-home');
    await phone.context.close();
  });
});
