import type { UserRow } from '@hubspoke/db';
import { buildDigest, buildDigests, type DigestData, runDigests, systemClock } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newThread, signedIn } from '../support/factories.js';

let ctx: TestContext;
type Person = Awaited<ReturnType<typeof signedIn>>;
let author: Person;

beforeAll(async () => {
  ctx = await createTestContext({ POST_MAX_PER_WINDOW: '10000' });
  author = await signedIn(ctx);
});
afterAll(() => ctx.close());

const deps = () => ({ db: ctx.db, config: ctx.config, clock: systemClock });

/** Readers who want a daily digest; everything of the last three days is news to them. */
async function readers(count: number, role?: 'participant' | 'tutor' | 'moderator' | 'admin'): Promise<Person[]> {
  const list: Person[] = [];
  for (let i = 0; i < count; i++) list.push(await signedIn(ctx, role ? { role } : {}));
  await ctx.db
    .updateTable('users')
    .set({ digest: 'daily', digest_hour: 0, timezone: 'UTC', created_at: new Date(Date.now() - 3 * 86_400_000) })
    .where(
      'id',
      'in',
      list.map((r) => r.user.id),
    )
    .execute();
  return list;
}

/** A delivery that records what each person was sent, and can be told to refuse some. */
function recorder(refuse: (user: UserRow) => boolean = () => false) {
  const sent = new Map<number, DigestData[]>();
  const deliver = async (user: UserRow, digest: DigestData, _period?: string) => {
    if (refuse(user)) throw new Error(`451 try later (${user.id})`);
    sent.set(user.id, [...(sent.get(user.id) ?? []), digest]);
    return `<digest-test-${user.id}@test>`;
  };
  return { sent, deliver };
}

describe('digests built and sent in batches', () => {
  it('hold for each person exactly what their own digest would, however the batch mixes people', async () => {
    const members = await readers(2);
    const outsiders = await readers(2);
    const [tutor] = await readers(1, 'tutor');
    const [admin] = await readers(1, 'admin');
    const everyone = [...members, ...outsiders, tutor, admin] as Person[];
    const lab = await newTable(ctx, { kind: 'lab', members: [author.user, ...members.map((m) => m.user)] });
    const open = await newTable(ctx, { kind: 'regional', members: [author.user, ...everyone.map((p) => p.user)] });
    await newThread(ctx, author.session, { tableId: lab.id, title: 'Segreto del laboratorio in lotto' });
    await newThread(ctx, author.session, { tableId: open.id, title: 'Notizia per tutti nel lotto' });
    await ctx.db
      .insertInto('table_subscriptions')
      .values({ user_id: (admin as Person).user.id, table_id: lab.id, level: 'watching' })
      .execute();

    const to = new Date();
    const from = new Date(to.getTime() - 86_400_000);
    const users = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where(
        'id',
        'in',
        everyone.map((p) => p.user.id),
      )
      .execute();
    const batch = await buildDigests(
      deps(),
      users.map((user) => ({ user, from })),
      to,
    );
    for (const user of users) {
      const alone = await buildDigest(deps(), user, from, to);
      expect(batch.get(user.id), `${user.role} ${user.id}`).toEqual(alone);
    }
    const text = (p: Person) => JSON.stringify(batch.get(p.user.id));
    for (const m of members) expect(text(m)).toContain('Segreto del laboratorio in lotto');
    // The lab's members are in the same batch: their private thread still reaches none of the others.
    for (const o of [...outsiders, tutor as Person]) {
      expect(text(o)).toContain('Notizia per tutti nel lotto');
      expect(text(o)).not.toContain('Segreto del laboratorio');
    }
    // An admin may read every table: watching the lab brings its thread.
    expect(text(admin as Person)).toContain('Segreto del laboratorio in lotto');
  });

  it('a batch whose mail server fails midway sends the rest, keeps what went out, and its retry sends only the failed', async () => {
    const people = await readers(6);
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, ...people.map((p) => p.user)] });
    await newThread(ctx, author.session, { tableId: table.id, title: 'Novità per il lotto interrotto' });
    const jobs = people.map((p) => ({ userId: p.user.id, period: 'd-batch-midway' }));
    const refused = new Set([people[1]?.user.id, people[4]?.user.id]);

    const first = recorder((user) => refused.has(user.id));
    const run1 = await runDigests(deps(), jobs, first.deliver, 2);
    const outcome = (results: typeof run1.results, id: number) => results.find((r) => r.userId === id)?.outcome;
    for (const p of people)
      expect(outcome(run1.results, p.user.id), String(p.user.id)).toBe(refused.has(p.user.id) ? 'failed' : 'sent');
    expect(first.sent.size).toBe(4);
    const rows = await ctx.db
      .selectFrom('digest_sends')
      .select(['user_id', 'status'])
      .where('period', '=', 'd-batch-midway')
      .execute();
    // The failed ones' claims were released, so the retry need not wait for them to go stale.
    expect(rows.map((r) => r.user_id).sort()).toEqual(
      people
        .map((p) => p.user.id)
        .filter((id) => !refused.has(id))
        .sort(),
    );

    const retry = recorder();
    const run2 = await runDigests(deps(), jobs, retry.deliver, 2);
    expect([...retry.sent.keys()].sort()).toEqual([...refused].sort());
    for (const p of people)
      expect(outcome(run2.results, p.user.id)).toBe(refused.has(p.user.id) ? 'sent' : 'already_done');

    // Retried again, or twice at once: nothing more goes out.
    const again = recorder();
    await Promise.all([runDigests(deps(), jobs, again.deliver), runDigests(deps(), jobs, again.deliver)]);
    expect(again.sent.size).toBe(0);
  });

  it('two batches sharing people at once send each digest once; the other batch finds them busy or done', async () => {
    const people = await readers(8);
    const table = await newTable(ctx, { kind: 'regional', members: [author.user, ...people.map((p) => p.user)] });
    await newThread(ctx, author.session, { tableId: table.id, title: 'Due lotti insieme' });
    const jobs = people.map((p) => ({ userId: p.user.id, period: 'd-batch-overlap' }));
    const shared = recorder();
    const slow = async (user: UserRow, digest: DigestData, period: string) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return shared.deliver(user, digest, period);
    };
    const [a, b] = await Promise.all([
      runDigests(deps(), jobs.slice(0, 6), slow),
      runDigests(deps(), [...jobs.slice(2)].reverse(), slow),
    ]);
    for (const p of people) expect(shared.sent.get(p.user.id), String(p.user.id)).toHaveLength(1);
    const outcomes = [...(a?.results ?? []), ...(b?.results ?? [])].map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(8);
    expect(outcomes.every((o) => o === 'sent' || o === 'busy' || o === 'already_done')).toBe(true);
  });
});
