import { documentRepo, notificationRepo, tableRepo, threadRepo, tutoringRepo } from '@hubspoke/db';
import { canReadTable, canReadThread } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newTable, newUser } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('table visibility rule', () => {
  it('the SQL filter and the domain rule agree for every role, visibility and membership', async () => {
    for (const role of ['participant', 'tutor', 'moderator', 'admin'] as const) {
      const user = await newUser(ctx, { role });
      for (const visibility of ['members', 'participants'] as const) {
        for (const member of [true, false]) {
          const table = await newTable(ctx, { visibility, members: member ? [user] : [] });
          const bySql = (await tableRepo.findVisible(ctx.db, user, table.id)) !== undefined;
          const byRule = canReadTable(user, table, member);
          expect(bySql, `${role} ${visibility} member=${member}`).toBe(byRule);
        }
      }
    }
  });
});

describe('thread visibility rule', () => {
  it('the SQL filters and the domain rule agree on threads about drafts, for every role and way in', async () => {
    const author = await newUser(ctx);
    let cases = 0;
    for (const role of ['participant', 'tutor', 'moderator', 'admin'] as const) {
      for (const visibility of ['members', 'participants'] as const) {
        for (const way of ['none', 'member', 'pool'] as const) {
          if (way === 'pool' && role !== 'tutor') continue;
          for (const draft of [true, false]) {
            const user = await newUser(ctx, { role });
            const table = await newTable(ctx, { visibility, members: way === 'member' ? [user, author] : [author] });
            if (way === 'pool')
              await tutoringRepo.addToPool(ctx.db, { tutorId: user.id, tableId: table.id, focusArea: null });
            const thread = await ctx.db.transaction().execute(async (tx) => {
              const t = await threadRepo.insert(tx, {
                table_id: table.id,
                focus_area: 'cultura',
                dimension: null,
                kind: 'discussion',
                title: 'Bozza',
                author_id: author.id,
                created_at: new Date(),
              });
              if (!draft) return t;
              const document = await documentRepo.insert(tx, {
                table_id: table.id,
                thread_id: t.id,
                author_id: author.id,
                title: 'Bozza',
                description: '',
                kind: 'other',
                language: 'it',
                focus_area: 'cultura',
                dimension: null,
                tags: [],
                created_at: new Date(),
              });
              await threadRepo.bindToDraft(tx, t.id, document.id);
              return { ...t, draft_document_id: document.id };
            });
            const isMember = way !== 'none';
            const byRule = canReadThread(user, thread, table, isMember, author.id);
            const listed = (await threadRepo.list(ctx.db, user, { tableId: table.id }, undefined, 5)).some(
              (t) => t.id === thread.id,
            );
            const asRecipient = (await notificationRepo.canReadThread(ctx.db, thread, [user.id])).has(user.id);
            const label = `${role} ${visibility} ${way} draft=${draft}`;
            expect(listed, label).toBe(byRule);
            expect(asRecipient, label).toBe(byRule);
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(36);
  });
});
