import { buildApp } from '@hubspoke/api';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';

// Two api processes on one database: `ctx.app` and `other`, each with its own session cache.
let ctx: TestContext;
let other: FastifyInstance;
beforeAll(async () => {
  ctx = await createTestContext();
  other = await buildApp(ctx.config);
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await ctx.close();
});

const meOn = (app: FastifyInstance, as: Session) =>
  app.inject({ method: 'GET', url: '/api/me', headers: { cookie: as.cookie } });

/** Asks `app` until `done` holds of the answer; announcements from another process take milliseconds. */
async function eventually(app: FastifyInstance, as: Session, done: (status: number, body: any) => boolean) {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const response = await meOn(app, as);
    if (done(response.statusCode, response.json())) return response;
    if (Date.now() > deadline) throw new Error(`still ${response.statusCode} ${response.body}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Counts statements naming the sessions table that `fn` made the server run. */
async function sessionLookups(fn: () => Promise<unknown>): Promise<number> {
  const read = () =>
    sql<{ calls: string }>`select coalesce(sum(calls), 0) as calls from pg_stat_user_tables t
      join lateral (select seq_scan + coalesce(idx_scan, 0) as calls) c on true where t.relname = 'sessions'`
      .execute(ctx.db)
      .then((r) => Number(r.rows[0]?.calls ?? 0));
  await sql`select pg_stat_clear_snapshot()`.execute(ctx.db);
  const before = await read();
  await fn();
  // Statistics reach the cumulative views when a backend reports them, at most a second later.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await sql`select pg_stat_clear_snapshot()`.execute(ctx.db);
  return (await read()) - before;
}

describe('sessions kept in memory', () => {
  it('answers repeated requests without looking the session up again', async () => {
    const { session } = await signedIn(ctx);
    expect((await meOn(other, session)).statusCode).toBe(200);
    const lookups = await sessionLookups(async () => {
      for (let i = 0; i < 20; i++) expect((await meOn(other, session)).statusCode).toBe(200);
    });
    expect(lookups).toBeLessThan(5);
  });

  it('a logout in one process ends the session in the other', async () => {
    const { session } = await signedIn(ctx);
    expect((await meOn(other, session)).statusCode).toBe(200);
    const logout = await ctx.request({ method: 'POST', url: '/api/auth/logout', as: session });
    expect(logout.statusCode).toBeLessThan(300);
    await eventually(other, session, (status) => status === 401);
    expect((await meOn(ctx.app, session)).statusCode).toBe(401);
  });

  it('a role changed or an account deactivated by any writer is seen by every process', async () => {
    const { user, session } = await signedIn(ctx);
    expect((await meOn(other, session)).json().user.role).toBe('participant');
    await ctx.db.updateTable('users').set({ role: 'tutor' }).where('id', '=', user.id).execute();
    await eventually(other, session, (status, body) => status === 200 && body.user.role === 'tutor');
    await ctx.db.updateTable('users').set({ deactivated_at: new Date() }).where('id', '=', user.id).execute();
    await eventually(other, session, (status) => status === 401);
  });

  it('a session removed in the database (password change, erasure) is refused', async () => {
    const { user, session } = await signedIn(ctx);
    expect((await meOn(other, session)).statusCode).toBe(200);
    await ctx.db.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await eventually(other, session, (status) => status === 401);
  });

  it('while the announcements are not heard, every request asks the database', async () => {
    const { user, session } = await signedIn(ctx);
    expect((await meOn(other, session)).statusCode).toBe(200);
    // Cut every announcement connection; a change made before they are back must still count.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'hubspoke-auth-changes'`.execute(ctx.db);
    await ctx.db.updateTable('users').set({ display_name: 'Nome cambiato' }).where('id', '=', user.id).execute();
    const response = await eventually(
      other,
      session,
      (status, body) => status === 200 && body.user.displayName === 'Nome cambiato',
    );
    expect(response.json().user.displayName).toBe('Nome cambiato');
    // Back to listening within a couple of seconds, and to kept sessions.
    const deadline = Date.now() + 5_000;
    let listening = 0;
    while (Date.now() < deadline && listening < 2) {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
        where datname = current_database() and application_name = 'hubspoke-auth-changes'`.execute(ctx.db);
      listening = Number(rows[0]?.n);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(listening).toBe(2);
  });
});
