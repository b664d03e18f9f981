import { documentListRepo } from '@hubspoke/db';
import { canSeeDocument } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, transition, uploadFolder } from '../support/documents.js';
import { newTable, newUser, signedIn } from '../support/factories.js';

/** Who sees which document, everywhere a document can show up; and the library's list and search. */
let ctx: TestContext;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
type Person = { user: { id: number; role: 'participant' | 'tutor' | 'moderator' | 'admin' }; session: Session };
let author: Person;
let admin: Person;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, POST_MAX_PER_WINDOW: '100000' });
  [author, admin] = await Promise.all([signedIn(ctx), signedIn(ctx, { role: 'admin' })]);
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

const publish = async (id: number) => {
  await transition(ctx, author.session, id, 'submitted');
  const response = await transition(ctx, admin.session, id, 'published');
  if (response.statusCode !== 200) throw new Error(`publish: ${response.body}`);
};

/** Whether `who` meets the document in the list, the search, its page and its download. */
async function sightings(who: Session, document: { id: number; tableId: number }, words: string) {
  const listed = await ctx.request({ method: 'GET', url: `/api/documents?table=${document.tableId}`, as: who });
  const found = await ctx.request({ method: 'GET', url: `/api/documents?q=${encodeURIComponent(words)}`, as: who });
  const ids = (r: typeof listed) => r.json().items.map((d: { id: number }) => d.id);
  return {
    list: ids(listed).includes(document.id),
    search: ids(found).includes(document.id),
    page: (await ctx.request({ method: 'GET', url: `/api/documents/${document.id}`, as: who })).statusCode,
    download: (await ctx.request({ method: 'GET', url: `/api/documents/${document.id}/versions/1/file`, as: who }))
      .statusCode,
  };
}

const SEEN = { list: true, search: true, page: 200, download: 200 };
const UNSEEN = { list: false, search: false, page: 404, download: 404 };

describe('who sees a document', () => {
  it('a draft: its author, the table’s tutors and moderators, admins — nobody else, anywhere', async () => {
    const [member, tutor, moderator, outsideTutor, outsider] = await Promise.all([
      signedIn(ctx),
      signedIn(ctx, { role: 'tutor' }),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx, { role: 'tutor' }),
      signedIn(ctx),
    ]);
    const table = await newTable(ctx, {
      kind: 'regional',
      members: [author.user, member.user, tutor.user, moderator.user],
    });
    const words = 'gemellaggio Tirana';
    const draft = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: `Bozza di ${words}`,
    });
    for (const who of [author, tutor, moderator, admin])
      expect(await sightings(who.session, draft, words)).toEqual(SEEN);
    for (const who of [member, outsideTutor, outsider])
      expect(await sightings(who.session, draft, words)).toEqual(UNSEEN);

    await publish(draft.id);
    for (const who of [member, outsideTutor, outsider])
      expect(await sightings(who.session, draft, words)).toEqual(SEEN);
  });

  it('a lab’s published document: only those who can read the lab', async () => {
    const [member, outsideModerator, outsider] = await Promise.all([
      signedIn(ctx),
      signedIn(ctx, { role: 'moderator' }),
      signedIn(ctx),
    ]);
    const lab = await newTable(ctx, { kind: 'lab', members: [author.user, member.user] });
    const words = 'mappatura stakeholder Lecce';
    const document = await newDocument(ctx, author.session, { tableId: String(lab.id), title: `Database ${words}` });
    await publish(document.id);
    for (const who of [author, member, admin]) expect(await sightings(who.session, document, words)).toEqual(SEEN);
    for (const who of [outsideModerator, outsider]) {
      expect(await sightings(who.session, document, words)).toEqual(UNSEEN);
      const follow = await ctx.request({ method: 'PUT', url: `/api/documents/${document.id}/follow`, as: who.session });
      expect(follow.statusCode).toBe(404);
    }
  });

  it('the SQL filters and the domain rule agree for every role, table visibility, membership and state', async () => {
    const cases: Array<{ label: string; agree: boolean }> = [];
    for (const visibility of ['members', 'participants'] as const) {
      for (const member of [true, false]) {
        const users = await Promise.all(
          (['participant', 'tutor', 'moderator', 'admin'] as const).map((role) => newUser(ctx, { role })),
        );
        const table = await newTable(ctx, { visibility, members: [author.user, ...(member ? users : [])] });
        const draft = await newDocument(ctx, author.session, { tableId: String(table.id) });
        const published = await newDocument(ctx, author.session, { tableId: String(table.id) });
        await publish(published.id);
        for (const document of [draft, published]) {
          const row = await ctx.db
            .selectFrom('documents')
            .select(['author_id', 'published_version_id'])
            .where('id', '=', document.id)
            .executeTakeFirstOrThrow();
          const allowedBySql = await documentListRepo.whoCanSee(
            ctx.db,
            document.id,
            [...users, author.user].map((u) => u.id),
          );
          for (const user of [...users, author.user]) {
            const isMember = member || user.id === author.user.id;
            const byRule = canSeeDocument(user, row, table, isMember);
            const bySql = (await documentListRepo.findVisible(ctx.db, user, document.id)) !== undefined;
            const label = `${user.role}${user.id === author.user.id ? ' (author)' : ''} ${visibility} member=${isMember} published=${row.published_version_id !== null}`;
            cases.push({ label, agree: bySql === byRule && allowedBySql.has(user.id) === byRule });
          }
        }
      }
    }
    expect(cases.filter((c) => !c.agree).map((c) => c.label)).toEqual([]);
    expect(cases).toHaveLength(40);
  });
});

describe('the discussion thread', () => {
  it('is opened with the document, in its table, and links back to the document page', async () => {
    const member = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'lab', members: [author.user, member.user] });
    const document = await newDocument(ctx, author.session, {
      tableId: String(table.id),
      title: 'Rapporto di analisi delle competenze',
      focusArea: 'innovazione',
      dimension: 'competenze',
    });
    const response = await ctx.request({ method: 'GET', url: `/api/threads/${document.threadId}`, as: author.session });
    expect(response.statusCode).toBe(200);
    const { thread, posts } = response.json();
    expect(thread).toMatchObject({
      id: document.threadId,
      tableId: table.id,
      kind: 'discussion',
      title: 'Rapporto di analisi delle competenze',
      focusArea: 'innovazione',
      dimension: 'competenze',
      author: { id: author.user.id },
      postCount: 1,
    });
    expect(posts[0].bodyHtml).toContain(`href="/documenti/${document.id}"`);
    // Like the draft, the thread is the author's and reviewers' until publication; then members
    // of the table discuss it there like in any thread.
    const asMember = () => ctx.request({ method: 'GET', url: `/api/threads/${document.threadId}`, as: member.session });
    expect((await asMember()).statusCode).toBe(404);
    await publish(document.id);
    expect((await asMember()).statusCode).toBe(200);
    const reply = await ctx.request({
      method: 'POST',
      url: `/api/threads/${document.threadId}/posts`,
      as: member.session,
      payload: { body: 'Letto, ottimo punto di partenza.' },
    });
    expect(reply.statusCode).toBe(201);
  });
});

describe('the library', () => {
  let table: { id: number };
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    table = await newTable(ctx, { kind: 'regional', members: [author.user] });
    const add = async (key: string, fields: Record<string, string>) => {
      ids[key] = (await newDocument(ctx, author.session, { tableId: String(table.id), ...fields })).id;
      await publish(ids[key] as number);
    };
    await add('plan', { title: 'Piano strategico per la cooperazione decentrata', kind: 'strategic_plan' });
    await add('template', { title: 'Modello di scheda esperienza', kind: 'template', language: 'en' });
    await add('tool', {
      title: 'Strumento per il budget di progetto',
      kind: 'tool',
      focusArea: 'innovazione',
      dimension: 'competenze',
      description: 'Foglio di calcolo per preventivi dei partenariati internazionali',
    });
    await add('old', { title: 'Vecchio rapporto organizzativo', kind: 'organisation_report' });
    await transition(ctx, admin.session, ids.old as number, 'archived');
    await ctx.request({
      method: 'PUT',
      url: `/api/documents/${ids.template}/featured`,
      as: admin.session,
      payload: { featured: true },
    });
  });

  const list = async (query: string) =>
    (
      await ctx.request({ method: 'GET', url: `/api/documents?table=${table.id}&${query}`, as: author.session })
    ).json() as Promise<{ items: Array<{ id: number }>; nextCursor: string | null }>;
  const idsOf = async (query: string) => (await list(query)).items.map((d) => d.id);

  it('puts featured documents first, then the most recently changed, and leaves archived ones out', async () => {
    expect(await idsOf('')).toEqual([ids.template, ids.tool, ids.plan]);
    expect(await idsOf('status=archived')).toEqual([ids.old]);
  });

  it('filters by kind, focus area, dimension, language and status', async () => {
    expect(await idsOf('kind=tool')).toEqual([ids.tool]);
    expect(await idsOf('focusArea=innovazione')).toEqual([ids.tool]);
    expect(await idsOf('dimension=competenze')).toEqual([ids.tool]);
    expect(await idsOf('language=en')).toEqual([ids.template]);
    expect(await idsOf('status=draft')).toEqual([]);
    expect((await ctx.request({ method: 'GET', url: '/api/documents?kind=poem', as: author.session })).statusCode).toBe(
      400,
    );
  });

  it('searches titles and descriptions, in Italian and English forms', async () => {
    expect(await idsOf('q=partenariato')).toEqual([ids.tool]);
    expect(await idsOf('q=decentrate')).toEqual([ids.plan]);
    expect(await idsOf('q=budget')).toEqual([ids.tool]);
    expect(await idsOf('q=nulla%20di%20simile')).toEqual([]);
  });

  it('pages with a keyset cursor, without repeats or gaps', async () => {
    const first = await list('limit=2');
    expect(first.items.map((d) => d.id)).toEqual([ids.template, ids.tool]);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((d) => d.id)).toEqual([ids.plan]);
    expect(second.nextCursor).toBeNull();
    expect(
      (await ctx.request({ method: 'GET', url: '/api/documents?cursor=rotto', as: author.session })).statusCode,
    ).toBe(400);
  });
});
