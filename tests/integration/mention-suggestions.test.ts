import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const suggest = (as: Session, tableId: number, q: string) =>
  ctx.request({ method: 'GET', url: `/api/tables/${tableId}/mentionable?q=${encodeURIComponent(q)}`, as });

describe('mention suggestions', () => {
  it('offer only the people who can read the table, by the start of a handle or of a word of the name', async () => {
    const writer = await signedIn(ctx, { displayName: 'Scrittrice Uno' });
    const giovanna = await newUser(ctx, { displayName: 'Giovanna Marino' });
    const outsider = await newUser(ctx, { displayName: 'Giovanni Estraneo' });
    const away = await newUser(ctx, { displayName: 'Gina Assente' });
    const lab = await newTable(ctx, { kind: 'lab', members: [writer.user, giovanna, away] });
    await ctx.db.updateTable('users').set({ deactivated_at: new Date() }).where('id', '=', away.id).execute();

    const byName = await suggest(writer.session, lab.id, 'gio');
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items).toEqual([{ handle: giovanna.handle, displayName: 'Giovanna Marino' }]);
    expect(
      (await suggest(writer.session, lab.id, 'mari')).json().items.map((p: { handle: string }) => p.handle),
    ).toEqual([giovanna.handle]);
    expect((await suggest(writer.session, lab.id, `@${giovanna.handle.slice(0, 4)}`)).json().items).toHaveLength(1);
    expect((await suggest(writer.session, lab.id, 'gina')).json().items).toEqual([]);
    expect((await suggest(writer.session, lab.id, '%')).json().items).toEqual([]);
    expect(outsider.display_name).toBe('Giovanni Estraneo');

    const open = await newTable(ctx, { kind: 'regional', members: [writer.user] });
    const everyone = (await suggest(writer.session, open.id, 'giovann'))
      .json()
      .items.map((p: { displayName: string }) => p.displayName);
    expect(everyone).toEqual(['Giovanna Marino', 'Giovanni Estraneo']);
  });

  it('are refused to whoever cannot read the table, and to bad input', async () => {
    const stranger = await signedIn(ctx);
    const lab = await newTable(ctx, { kind: 'lab' });
    expect((await suggest(stranger.session, lab.id, 'ab')).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/tables/${lab.id}/mentionable?q=ab` })).statusCode).toBe(401);
    expect((await suggest(stranger.session, lab.id, '')).statusCode).toBe(400);
    expect((await suggest(stranger.session, lab.id, 'x'.repeat(61))).statusCode).toBe(400);
  });
});
