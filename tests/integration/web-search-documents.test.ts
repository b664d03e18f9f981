import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let uploads: Awaited<ReturnType<typeof uploadFolder>>;

beforeAll(async () => {
  uploads = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: uploads.dir, POST_MAX_PER_WINDOW: '1000' });
});
afterAll(async () => {
  await ctx.close();
  await uploads.remove();
});

describe('the search page', () => {
  it('lists the documents the words find, as the library would show them to the reader', async () => {
    const web = browserOf(ctx);
    const admin = await signedIn(ctx, { role: 'admin' });
    const author = await signedIn(ctx);
    const reader = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, reader.user] });
    const published = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: 'Strategia per gli ecomusei del Salento',
    });
    await transition(ctx, author.session, published.id, 'submitted');
    await transition(ctx, admin.session, published.id, 'published');
    await newDocument(ctx, author.session, { tableId: String(table.id), title: 'Bozza sugli ecomusei, riservata' });

    const found = (await web.page('/cerca?q=ecomusei', reader.session)).body;
    expect(found).toContain('id="documents-title"');
    expect(found).toContain(`href="/documenti/${published.id}"`);
    expect(found).toContain('Strategia per gli ecomusei del Salento');
    expect(found).not.toContain('Bozza sugli ecomusei');
    const mine = (await web.page('/cerca?q=ecomusei', author.session)).body;
    expect(mine).toContain('Bozza sugli ecomusei, riservata');
    expect((await web.page('/cerca?q=pinguini', reader.session)).body).not.toContain('id="documents-title"');
    // Accents are ignored both ways in documents too.
    const accented = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: 'Qualità dei servizi museali',
    });
    await transition(ctx, author.session, accented.id, 'submitted');
    await transition(ctx, admin.session, accented.id, 'published');
    expect((await web.page('/cerca?q=qualita', reader.session)).body).toContain(`href="/documenti/${accented.id}"`);
  });
});
