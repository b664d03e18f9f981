import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserHelpers, launchBrowser } from '../support/browser.js';
import { SAMPLES, uploadFolder } from '../support/documents.js';
import { signIn as apiSignIn, newReply, newTable, newThread, newUser } from '../support/factories.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

let server: WebServer;
let browser: Browser;
type User = Awaited<ReturnType<typeof newUser>>;
let maria: User;
let paolo: User;
let labId: number;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;

/** 1 MiB: big enough for a real file, small enough that "too big" is quick to send. */
const LIMIT = 1_048_576;

beforeAll(async () => {
  uploads = await uploadFolder();
  server = await startWebServer({
    POST_MAX_PER_WINDOW: '1000',
    UPLOAD_DIR: uploads.dir,
    UPLOAD_MAX_BYTES: String(LIMIT),
  });
  browser = await launchBrowser();
  maria = await newUser(server, { displayName: 'Maria Rossi' });
  paolo = await newUser(server, { displayName: 'Paolo Verdi' });
  labId = (await newTable(server, { name: 'Laboratorio di Lecce', kind: 'lab', members: [maria, paolo] })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await uploads?.remove();
});

const { newPage, signIn, audit } = browserHelpers(
  () => browser,
  () => server.url,
);

const pdf = (name: string, bytes: Buffer = SAMPLES.pdf()) => ({ name, mimeType: 'application/pdf', buffer: bytes });

/** Set on the page's window: a reload or a navigation would lose it. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (globalThis as unknown as { stillHere: boolean }).stillHere = true;
  });
const isSamePage = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere === true);

describe('sharing a document from the pages', () => {
  it('uploads a document through the form, then a new version, and explains a file that is too big', async () => {
    const { context, page } = await newPage();
    await signIn(page, maria);
    await page.getByRole('link', { name: 'Documenti', exact: true }).click();
    await page.getByRole('link', { name: 'Condividi un documento' }).click();
    await audit(page, 'documents-upload');
    await page.getByRole('button', { name: 'Carica il documento' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Compila tutti i campi obbligatori.');
    await audit(page, 'documents-upload-error');

    await page.getByLabel(/^Tavolo/).selectOption(String(labId));
    await page.getByLabel(/^Tipo/).selectOption('strategic_plan');
    await page.getByRole('textbox', { name: /^Titolo/ }).fill('Piano strategico di Lecce');
    await page.getByLabel(/^Area tematica/).selectOption('cultura');
    await page.getByLabel(/^File/).setInputFiles(pdf('piano-lecce.pdf'));
    await page.getByRole('button', { name: 'Carica il documento' }).click();
    await page.waitForURL(/\/documenti\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('Piano strategico di Lecce');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Documento caricato come bozza');
    expect(await page.getByRole('link', { name: 'piano-lecce.pdf' }).count()).toBe(1);
    await audit(page, 'documents-document-author');

    const versions = page.getByRole('region', { name: 'Carica una nuova versione' });
    await versions.getByLabel('Che cosa è cambiato').fill('Aggiunto il cronoprogramma');
    await versions.getByLabel(/^File/).setInputFiles(pdf('piano-lecce-v2.pdf', SAMPLES.pdf('seconda versione')));
    await versions.getByRole('button', { name: 'Carica la versione' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Versione 2 caricata.');
    expect(await page.getByRole('link', { name: 'piano-lecce-v2.pdf' }).count()).toBe(1);

    // Well over the limit: the browser sends it all, and still reads the form with the reason.
    await page
      .getByLabel(/^File/)
      .setInputFiles(pdf('enorme.pdf', Buffer.concat([SAMPLES.pdf(), Buffer.alloc(LIMIT * 4)])));
    await page.getByRole('button', { name: 'Carica la versione' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Il file è troppo grande');
    expect(await page.getByLabel(/^File/).getAttribute('aria-invalid')).toBe('true');
    await audit(page, 'documents-version-too-big');
    await context.close();
  });

  it('works without JavaScript, and shows what is missing', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    await signIn(page, paolo);
    await page.goto(`${server.url}/documenti/nuovo`);
    await page.getByRole('textbox', { name: /^Titolo/ }).fill('Rapporto sulle competenze');
    await page.getByRole('button', { name: 'Carica il documento' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Compila tutti i campi obbligatori.');
    expect(await page.getByRole('textbox', { name: /^Titolo/ }).inputValue()).toBe('Rapporto sulle competenze');

    await page.getByLabel(/^Tavolo/).selectOption(String(labId));
    await page.getByLabel(/^Tipo/).selectOption('skills_report');
    await page.getByLabel(/^Area tematica/).selectOption('innovazione');
    await page
      .getByLabel(/^File/)
      .setInputFiles({ name: 'rapporto.txt', mimeType: 'text/plain', buffer: Buffer.from('Competenze digitali\n') });
    await page.getByRole('button', { name: 'Carica il documento' }).click();
    await page.waitForURL(/\/documenti\/\d+$/);
    expect(await page.locator('h1').textContent()).toBe('Rapporto sulle competenze');
    await context.close();
  });
});

describe('edited and deleted posts, live', () => {
  it('change in place on another reader’s page, without a reload and only with the server’s sanitized rendering', async () => {
    const session = await apiSignIn(server, maria);
    const { thread } = await newThread(server, session, {
      tableId: labId,
      title: 'Bando per i musei civici',
      body: 'Il bando scade a **marzo**.',
    });
    const reply = await newReply(server, session, thread.id, 'Allego la scheda del progetto.');

    const reader = await newPage();
    await signIn(reader.page, paolo);
    await reader.page.goto(`${server.url}/discussioni/${thread.id}`);
    expect(await reader.page.locator('#post-1 .post-body').textContent()).toContain('Il bando scade a marzo.');
    await markPage(reader.page);

    const writer = await newPage();
    await signIn(writer.page, maria);
    await writer.page.goto(`${server.url}/discussioni/${thread.id}`);
    await writer.page.locator('#post-1').getByRole('link', { name: 'Modifica' }).click();
    await writer.page
      .getByRole('textbox', { name: /^Messaggio/ })
      .fill(
        'Il bando è _prorogato_ ad aprile.\n\n<script>globalThis.injected = true</script><img src=x onerror="globalThis.injected = true">',
      );
    await writer.page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await writer.page.waitForURL(/#post-1$/);

    const first = reader.page.locator('#post-1');
    await expect
      .poll(() => first.locator('.post-body').textContent(), { timeout: 15_000 })
      .toContain('prorogato ad aprile');
    expect(await first.locator('.post-body em').textContent()).toBe('prorogato');
    expect(await first.getByRole('link', { name: 'modificato' }).count()).toBe(1);
    expect(await first.locator('.post-body script, .post-body [onerror]').count()).toBe(0);
    expect(
      await reader.page.evaluate(() => (globalThis as unknown as { injected?: boolean }).injected),
    ).toBeUndefined();
    await expect
      .poll(() => reader.page.locator('[data-live-changes]').textContent())
      .toBe('Il messaggio #1 è stato aggiornato.');
    // The reader's own actions come back with the post, as the server renders them for the reader.
    expect(await first.getByRole('link', { name: 'Cita' }).count()).toBe(1);
    expect(await first.getByRole('link', { name: 'Modifica', exact: true }).count()).toBe(0);
    await audit(reader.page, 'forum-thread-live-edit');

    await writer.page.goto(`${server.url}/messaggi/${reply.id}/elimina`);
    await writer.page.getByRole('button', { name: 'Elimina il messaggio' }).click();
    const second = reader.page.locator(`#post-${reply.number}`);
    await expect.poll(() => second.textContent(), { timeout: 15_000 }).toContain('Messaggio eliminato.');
    expect(await second.locator('.post-body').count()).toBe(0);
    expect(await second.getByRole('button').count()).toBe(0);
    expect(await isSamePage(reader.page)).toBe(true);
    await writer.context.close();
    await reader.context.close();
  });
});
