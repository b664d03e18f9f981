import { tableRepo } from '@hubspoke/db';
import { canReadTable } from '@hubspoke/domain';
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
