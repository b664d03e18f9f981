import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newDocument, newVersion, SAMPLES, transition, uploadFolder } from '../support/documents.js';
import { newTable, signedIn } from '../support/factories.js';

/**
 * The review workflow, as a matrix: every transition tried by every kind of person, from a
 * fresh document in the starting state. The table is regional (open to all participants), so
 * published documents are visible to outsiders while drafts are not.
 */
let ctx: TestContext;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
type Person = { user: { id: number; display_name: string }; session: Session };
const people: Record<string, Person> = {};
let tableId: number;

const ACTORS = ['author', 'member', 'tutor', 'moderator', 'admin', 'outsideModerator', 'outsider'] as const;
type Actor = (typeof ACTORS)[number];

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, POST_MAX_PER_WINDOW: '100000' });
  const roles: Record<Actor, 'participant' | 'tutor' | 'moderator' | 'admin'> = {
    author: 'participant',
    member: 'participant',
    tutor: 'tutor',
    moderator: 'moderator',
    admin: 'admin',
    outsideModerator: 'moderator',
    outsider: 'participant',
  };
  for (const actor of ACTORS) people[actor] = await signedIn(ctx, { role: roles[actor] });
  const members = (['author', 'member', 'tutor', 'moderator'] as const).map((a) => person(a).user);
  tableId = (await newTable(ctx, { kind: 'regional', members })).id;
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

function person(actor: Actor): Person {
  const found = people[actor];
  if (!found) throw new Error(`no ${actor} signed in`);
  return found;
}
const as = (actor: Actor) => person(actor).session;
const idOf = (actor: Actor) => person(actor).user.id;

type Start = 'draft' | 'submitted' | 'changes_requested' | 'published' | 'published_with_new_version' | 'archived';

/** A fresh document brought to `start` by the people allowed to move it there. */
async function documentIn(start: Start): Promise<number> {
  const { id } = await newDocument(ctx, as('author'), { tableId: String(tableId) });
  const step = async (who: Actor, to: string, comment?: string) => {
    const response = await transition(ctx, as(who), id, to, comment);
    if (response.statusCode !== 200) throw new Error(`setup ${to}: ${response.statusCode} ${response.body}`);
  };
  if (start === 'draft') return id;
  await step('author', 'submitted');
  if (start === 'submitted') return id;
  if (start === 'changes_requested') {
    await step('moderator', 'changes_requested', 'Manca la sezione sui partner');
    return id;
  }
  await step('moderator', 'published');
  if (start === 'published_with_new_version') {
    await newVersion(ctx, as('author'), id, { name: 'v2.pdf', bytes: SAMPLES.pdf(`v2 ${id}`) });
  }
  if (start === 'archived') await step('admin', 'archived');
  return id;
}

// Who sees a draft: the author and the table's tutors and moderators, and admins (404 for the rest).
const DRAFT_HIDDEN = { member: 404, outsideModerator: 404, outsider: 404 } as const;

const MATRIX: Array<[Start, string, string | undefined, Record<Actor, number>]> = [
  ['draft', 'submitted', undefined, { author: 200, tutor: 403, moderator: 403, admin: 403, ...DRAFT_HIDDEN }],
  [
    'changes_requested',
    'submitted',
    undefined,
    { author: 200, tutor: 403, moderator: 403, admin: 403, ...DRAFT_HIDDEN },
  ],
  ['submitted', 'published', undefined, { author: 403, tutor: 403, moderator: 200, admin: 200, ...DRAFT_HIDDEN }],
  [
    'submitted',
    'changes_requested',
    'Aggiungere il cronoprogramma',
    { author: 403, tutor: 403, moderator: 200, admin: 200, ...DRAFT_HIDDEN },
  ],
  [
    'submitted',
    'changes_requested',
    undefined,
    { author: 403, tutor: 403, moderator: 400, admin: 400, ...DRAFT_HIDDEN },
  ],
  [
    'published',
    'archived',
    undefined,
    { author: 403, member: 403, tutor: 403, moderator: 200, admin: 200, outsideModerator: 403, outsider: 403 },
  ],
  [
    'published_with_new_version',
    'submitted',
    undefined,
    { author: 200, member: 403, tutor: 403, moderator: 403, admin: 403, outsideModerator: 403, outsider: 403 },
  ],
  [
    'published',
    'submitted',
    undefined,
    { author: 409, member: 403, tutor: 403, moderator: 403, admin: 403, outsideModerator: 403, outsider: 403 },
  ],
  ['draft', 'published', undefined, { author: 409, tutor: 409, moderator: 409, admin: 409, ...DRAFT_HIDDEN }],
  ['draft', 'archived', undefined, { author: 409, tutor: 409, moderator: 409, admin: 409, ...DRAFT_HIDDEN }],
  [
    'archived',
    'published',
    undefined,
    { author: 409, member: 409, tutor: 409, moderator: 409, admin: 409, outsideModerator: 409, outsider: 409 },
  ],
];

describe('workflow matrix', () => {
  for (const [start, to, comment, expected] of MATRIX) {
    for (const actor of ACTORS) {
      const status = expected[actor];
      it(`${start} → ${to}${comment === undefined ? '' : ' (with a comment)'} by ${actor}: ${status}`, async () => {
        const id = await documentIn(start);
        const response = await transition(ctx, as(actor), id, to, comment);
        expect(response.statusCode, response.body).toBe(status);
        const after = await ctx.db
          .selectFrom('documents')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (status === 200) expect(after.status).toBe(to);
        else expect(after.status).toBe(start.startsWith('published') ? 'published' : start);
      });
    }
  }
});

const page = async (id: number, actor: Actor) =>
  (await ctx.request({ method: 'GET', url: `/api/documents/${id}`, as: as(actor) })).json();
const download = (id: number, n: number, actor: Actor) =>
  ctx.request({ method: 'GET', url: `/api/documents/${id}/versions/${n}/file`, as: as(actor) });

describe('review', () => {
  it('the published version stays the one readers get while a newer one is in review; publishing publishes the newest', async () => {
    const id = await documentIn('published');
    const v2 = SAMPLES.pdf(`seconda versione ${id}`);
    await newVersion(ctx, as('author'), id, { name: 'v2.pdf', bytes: v2 }, 'Aggiornato');
    expect((await transition(ctx, as('author'), id, 'submitted')).statusCode).toBe(200);

    const seenByReader = await page(id, 'outsider');
    expect(seenByReader.document).toMatchObject({ status: 'submitted', publishedVersion: 1, latestVersion: 1 });
    expect(seenByReader.versions.map((v: { number: number }) => v.number)).toEqual([1]);
    expect((await download(id, 2, 'outsider')).statusCode).toBe(404);
    expect((await download(id, 1, 'outsider')).statusCode).toBe(200);
    const seenByTutor = await page(id, 'tutor');
    expect(seenByTutor.document).toMatchObject({ publishedVersion: 1, latestVersion: 2 });
    expect(seenByTutor.versions.map((v: { number: number; published: boolean }) => [v.number, v.published])).toEqual([
      [2, false],
      [1, true],
    ]);

    expect((await transition(ctx, as('moderator'), id, 'published')).json().document).toMatchObject({
      status: 'published',
      publishedVersion: 2,
    });
    expect((await download(id, 2, 'outsider')).rawPayload.equals(v2)).toBe(true);
  });

  it('asking for changes needs a comment; the author sees it in the history, with who and when', async () => {
    const id = await documentIn('submitted');
    await transition(ctx, as('moderator'), id, 'changes_requested', '  Indicare le fonti dei dati  ');
    await transition(ctx, as('author'), id, 'submitted');
    const { history, permissions } = await page(id, 'author');
    expect(history).toMatchObject([
      { from: 'draft', to: 'submitted', version: 1, comment: null, actor: { id: idOf('author') } },
      { from: 'submitted', to: 'changes_requested', comment: 'Indicare le fonti dei dati' },
      { from: 'changes_requested', to: 'submitted' },
    ]);
    expect(permissions).toEqual({ transitions: [], upload: true, feature: false });
    expect((await page(id, 'moderator')).permissions.transitions).toEqual(['published', 'changes_requested']);
  });

  it('every transition is audited and announced live in the table and discussion rooms, without the draft’s text', async () => {
    const id = await documentIn('submitted');
    const { thread_id } = await ctx.db
      .selectFrom('documents')
      .select('thread_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'data'])
      .where('subject_type', '=', 'document')
      .where('subject_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['document.create', 'document.transition']);
    expect(audit[1]).toMatchObject({ actor_id: idOf('author'), data: { from: 'draft', to: 'submitted' } });
    const events = await ctx.db
      .selectFrom('events')
      .select(['rooms', 'data'])
      .where('name', '=', 'document.updated')
      .where(({ eb, ref }) => eb(ref('data', '->>').key('id'), '=', String(id)))
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(2);
    expect(events[1]?.rooms).toEqual([`table:${tableId}`, `thread:${thread_id}`]);
    expect(events[1]?.data).toMatchObject({ id, status: 'submitted', publishedVersion: null });
    expect(events[1]?.data).not.toHaveProperty('title');
  });
});

describe('notifications', () => {
  /** The person's document notifications (the matrix above already made many, so counted in SQL). */
  const inbox = async (actor: Actor) => {
    const rows = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', idOf(actor))
      .where('kind', '=', 'document_status')
      .execute();
    return rows;
  };
  const latestNotification = async (actor: Actor) =>
    (await ctx.request({ method: 'GET', url: '/api/notifications?limit=1', as: as(actor) })).json().items[0];
  const follow = (id: number, actor: Actor, method: 'PUT' | 'DELETE' = 'PUT') =>
    ctx.request({ method, url: `/api/documents/${id}/follow`, as: as(actor) });

  it('go to the author and the followers who can see the document, never to the one who acted', async () => {
    const id = await documentIn('published');
    expect((await follow(id, 'member')).statusCode).toBe(204);
    expect((await follow(id, 'outsider')).statusCode).toBe(204);
    expect((await follow(id, 'moderator')).statusCode).toBe(204);
    expect((await page(id, 'member')).document.following).toBe(true);
    const before = {
      author: (await inbox('author')).length,
      member: (await inbox('member')).length,
      outsider: (await inbox('outsider')).length,
      moderator: (await inbox('moderator')).length,
    };

    await transition(ctx, as('moderator'), id, 'archived');
    expect(await inbox('author')).toHaveLength(before.author + 1);
    const { threadId } = (await page(id, 'author')).document;
    expect(await latestNotification('author')).toMatchObject({
      kind: 'document_status',
      threadId,
      actor: { id: idOf('moderator') },
      read: false,
    });
    expect((await inbox('member')).length).toBe(before.member + 1);
    expect((await inbox('outsider')).length).toBe(before.outsider + 1);
    expect((await inbox('moderator')).length).toBe(before.moderator);
    const pushed = await ctx.db
      .selectFrom('events')
      .select('rooms')
      .where('name', '=', 'notification.created')
      .where(({ eb, ref }) => eb(ref('data', '->>').key('kind'), '=', 'document_status'))
      .execute();
    expect(pushed.map((e) => e.rooms[0])).toEqual(
      expect.arrayContaining([`user:${idOf('author')}`, `user:${idOf('member')}`]),
    );
  });

  it('skip followers who cannot see an unpublished document', async () => {
    const id = await documentIn('draft');
    expect((await follow(id, 'outsider')).statusCode).toBe(404);
    expect((await follow(id, 'tutor')).statusCode).toBe(204);
    // A follower who joined while they could see it, then lost the right, is skipped too.
    await ctx.db
      .insertInto('document_followers')
      .values({ document_id: id, user_id: idOf('member') })
      .execute();
    const before = { tutor: (await inbox('tutor')).length, member: (await inbox('member')).length };
    await transition(ctx, as('author'), id, 'submitted');
    expect((await inbox('tutor')).length).toBe(before.tutor + 1);
    expect((await inbox('member')).length).toBe(before.member);
    expect((await follow(id, 'tutor', 'DELETE')).statusCode).toBe(204);
    await transition(ctx, as('moderator'), id, 'changes_requested', 'Rivedere');
    expect((await inbox('tutor')).length).toBe(before.tutor + 1);
  });
});

describe('featuring', () => {
  const feature = (id: number, actor: Actor, featured = true) =>
    ctx.request({ method: 'PUT', url: `/api/documents/${id}/featured`, as: as(actor), payload: { featured } });

  it('is for the table’s moderators and admins, on published documents only', async () => {
    const published = await documentIn('published');
    for (const actor of ['author', 'member', 'tutor', 'outsideModerator', 'outsider'] as const) {
      expect((await feature(published, actor)).statusCode, actor).toBe(403);
    }
    expect((await feature(await documentIn('submitted'), 'moderator')).statusCode).toBe(409);
    expect((await feature(published, 'moderator')).json().document.featured).toBe(true);

    const list = await ctx.request({ method: 'GET', url: `/api/documents?table=${tableId}`, as: as('outsider') });
    expect(list.json().items[0]).toMatchObject({ id: published, featured: true });

    await transition(ctx, as('admin'), published, 'archived');
    expect((await page(published, 'outsider')).document).toMatchObject({ status: 'archived', featured: false });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', String(published))
      .where('action', '=', 'document.feature')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
