import { latestActivity } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { browserOf } from '../support/web-forms.js';

let ctx: TestContext;
let web: ReturnType<typeof browserOf>;
type Person = Awaited<ReturnType<typeof signedIn>>;
let anna: Person;
let bruno: Person;
let carla: Person;
let moderator: Person;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '1000' });
  web = browserOf(ctx);
  [anna, bruno, carla, moderator] = await Promise.all([
    signedIn(ctx, { displayName: 'Anna Greco' }),
    signedIn(ctx, { displayName: 'Bruno Neri' }),
    signedIn(ctx, { displayName: 'Carla Fontana' }),
    signedIn(ctx, { role: 'moderator' }),
  ]);
});
afterAll(() => ctx.close());

const home = (as: Session) => web.page('/', as);
const activitySection = (body: string) => {
  const start = body.indexOf('id="latest-activity"');
  return body.slice(start, body.indexOf('</section>', start));
};

describe('latest activity on the home page', () => {
  it('shows an empty state when there is nothing to read', async () => {
    const page = await home(carla.session);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<h2[^>]*id="latest-activity"[^>]*>Ultime attività<\/h2>/);
    expect(activitySection(page.body)).toContain('Ancora nessuna attività nei tavoli che puoi consultare.');
  });

  it('lists the newest threads and replies, newest first; posts in a row from one thread share a line', async () => {
    const table = await newTable(ctx, { name: 'Laboratorio di Bari', members: [anna.user, bruno.user] });
    const quiet = await newThread(ctx, anna.session, { tableId: table.id, title: 'Biblioteche di quartiere' });
    const { thread } = await newThread(ctx, anna.session, { tableId: table.id, title: 'Archivi storici digitali' });
    const reply = await newReply(ctx, bruno.session, thread.id, 'Abbiamo digitalizzato il fondo notarile.');
    const page = await home(anna.session);
    const section = activitySection(page.body);
    // The line of the busy thread says who wrote last, and opens where its run of posts starts.
    expect(section).toContain(`data-activity-post="${reply.id}"`);
    expect(section).toContain(`href="/discussioni/${thread.id}#post-1">Archivi storici digitali</a>`);
    expect(section).toMatch(/Bruno Neri ha risposto\s*\(2 messaggi in tutto\)/);
    expect(section).toContain(`href="/discussioni/${quiet.thread.id}#post-1">Biblioteche di quartiere</a>`);
    expect(section).toContain('Anna Greco ha aperto la discussione');
    expect(section).toContain(`href="/tavoli/${table.id}">Laboratorio di Bari</a>`);
    expect(section.indexOf('Archivi storici digitali')).toBeLessThan(section.indexOf('Biblioteche di quartiere'));
  });

  it('never shows activity from a lab the reader is not in, but shows open tables', async () => {
    const lab = await newTable(ctx, { name: 'Laboratorio riservato di Taranto', kind: 'lab', members: [anna.user] });
    const secret = await newThread(ctx, anna.session, { tableId: lab.id, title: 'Bilancio riservato del laboratorio' });
    await newReply(ctx, anna.session, secret.thread.id, 'Solo per i membri.');
    const open = await newTable(ctx, { name: 'Tavolo regionale Puglia', kind: 'regional', members: [anna.user] });
    const visible = await newThread(ctx, anna.session, { tableId: open.id, title: 'Festival della Valle d’Itria' });

    const outsider = activitySection((await home(carla.session)).body);
    expect(outsider).not.toContain('Bilancio riservato');
    expect(outsider).not.toContain('Laboratorio riservato di Taranto');
    expect(outsider).toContain(`href="/discussioni/${visible.thread.id}#post-1"`);
    expect(activitySection((await home(anna.session)).body)).toContain('Bilancio riservato del laboratorio');
  });

  it('leaves out deleted and hidden posts', async () => {
    const table = await newTable(ctx, { members: [anna.user, bruno.user, moderator.user] });
    const { thread } = await newThread(ctx, anna.session, { tableId: table.id, title: 'Calendario delle visite' });
    const gone = await newReply(ctx, bruno.session, thread.id, 'Un messaggio da togliere.');
    const hidden = await newReply(ctx, bruno.session, thread.id, 'Un messaggio da nascondere.');
    expect((await ctx.request({ method: 'DELETE', url: `/api/posts/${gone.id}`, as: bruno.session })).statusCode).toBe(
      204,
    );
    const hide = await web.post(`/messaggi/${hidden.id}/nascondi`, { hidden: '1' }, moderator.session);
    expect(hide.statusCode).toBe(303);
    const section = activitySection((await home(anna.session)).body);
    expect(section).not.toContain(`data-activity-post="${gone.id}"`);
    expect(section).not.toContain(`data-activity-post="${hidden.id}"`);
    expect(section).toContain(`href="/discussioni/${thread.id}#post-1"`);
  });

  it('shows at most ten lines, and the service pages on from there with a cursor', async () => {
    const table = await newTable(ctx, { members: [bruno.user] });
    const { thread } = await newThread(ctx, bruno.session, { tableId: table.id, title: 'Molte risposte' });
    for (let i = 0; i < 11; i++) await newReply(ctx, bruno.session, thread.id, `Risposta ${i + 1}`);
    const busy = activitySection((await home(bruno.session)).body);
    expect(busy).toContain('(12 messaggi in tutto)');
    for (let i = 0; i < 11; i++)
      await newThread(ctx, bruno.session, { tableId: table.id, title: `Discussione ${i + 1}` });
    const section = activitySection((await home(bruno.session)).body);
    expect(section.match(/data-activity-post=/g)?.length).toBe(10);

    const first = await latestActivity({ db: ctx.db }, bruno.user, { limit: 10 });
    expect(first.nextCursor).not.toBeNull();
    const next = await latestActivity({ db: ctx.db }, bruno.user, { limit: 10, cursor: first.nextCursor ?? '' });
    const ids = [...first.items, ...next.items].map((item) => item.postId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
