import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

// Words as an Italian reader expects them: agreements, plurals, and no API jargon for participants.
let ctx: TestContext;
let web: ReturnType<typeof browserOf>;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
});
afterAll(() => ctx.close());

describe('the words of the pages', () => {
  it('count one unread thread in the singular and more in the plural', async () => {
    const [writer, reader] = await Promise.all([signedIn(ctx), signedIn(ctx)]);
    const table = await newTable(ctx, { kind: 'regional', members: [writer.user, reader.user] });
    await newThread(ctx, writer.session, { tableId: table.id });
    expect((await web.page('/', reader.session)).body).toContain('Novità in 1 discussione<');
    await newThread(ctx, writer.session, { tableId: table.id });
    expect((await web.page('/', reader.session)).body).toContain('Novità in 2 discussioni<');
  });

  it('agree with their nouns, and keep the API out of the participants’ pages', async () => {
    const { user, session } = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [user] });
    const form = await web.page(`/discussioni/nuova?tavolo=${table.id}`, session);
    expect(form.body).toContain('— nessuna —');
    const wrong = await web.post('/accedi', { email: 'nessuno@example.it', password: 'sbagliata123' });
    expect(wrong.body).toContain('Email o password errate.');
    const documents = await web.page('/documenti', session);
    expect(documents.statusCode).toBe(200);
    expect(documents.body).not.toMatch(/POST \/api|\/api\/documents/);
    const search = await web.page('/cerca', session);
    expect(search.body).toContain('«or» tra due parole');
  });
});

describe('a person’s page', () => {
  it('lists their recent posts the reader may read, never those of a lab the reader is not in', async () => {
    const [writer, reader] = await Promise.all([signedIn(ctx, { displayName: 'Sara Lo Bianco' }), signedIn(ctx)]);
    const open = await newTable(ctx, { kind: 'regional', name: 'Tavolo regionale Sicilia', members: [writer.user] });
    const lab = await newTable(ctx, { kind: 'lab', members: [writer.user] });
    await newThread(ctx, writer.session, { tableId: open.id, title: 'Siti UNESCO e turismo' });
    await newThread(ctx, writer.session, { tableId: lab.id, title: 'Bilancio interno riservato' });
    const handle = (
      await ctx.db.selectFrom('users').select('handle').where('id', '=', writer.user.id).executeTakeFirstOrThrow()
    ).handle;
    const page = await web.page(`/u/${handle}`, reader.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Messaggi recenti');
    expect(page.body).toContain('Siti UNESCO e turismo');
    expect(page.body).toContain('Tavolo regionale Sicilia');
    expect(page.body).not.toContain('Bilancio interno riservato');
    expect((await web.page(`/u/${handle}`, writer.session)).body).toContain('Bilancio interno riservato');
  });
});

describe('the bookmarks page', () => {
  it('lists the threads one bookmarked, with an empty state, linked from the profile', async () => {
    const [writer, reader] = await Promise.all([signedIn(ctx), signedIn(ctx)]);
    const table = await newTable(ctx, { kind: 'regional', members: [writer.user, reader.user] });
    expect((await web.page('/segnalibri', reader.session)).body).toContain('Ancora nessun segnalibro');
    expect((await web.page('/profilo', reader.session)).body).toContain('href="/segnalibri"');
    const kept = await newThread(ctx, writer.session, { tableId: table.id, title: 'Da ritrovare poi' });
    await newThread(ctx, writer.session, { tableId: table.id, title: 'Da non salvare' });
    const marked = await web.post(`/discussioni/${kept.thread.id}/segnalibro`, { on: '1' }, reader.session);
    expect(marked.statusCode).toBe(303);
    const page = await web.page('/segnalibri', reader.session);
    expect(page.body).toContain('Da ritrovare poi');
    expect(page.body).not.toContain('Da non salvare');
  });
});

describe('search results', () => {
  it('show their snippets as plain text, the match marked', async () => {
    const { user, session } = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [user] });
    await newThread(ctx, session, {
      tableId: table.id,
      title: 'Modelli',
      body: '> citazione\n\nIl **gemellaggio** con [Valona](https://example.it/valona) va avanti.',
    });
    const found = await ctx.request({ method: 'GET', url: '/api/search?q=gemellaggio', as: session });
    const snippet = found.json().items[0]?.snippetHtml as string;
    expect(snippet).toContain('<mark>gemellaggio</mark>');
    expect(snippet).toContain('con Valona va avanti');
    expect(snippet).not.toMatch(/\*\*|&gt;|\]\(|https:/);
  });
});
