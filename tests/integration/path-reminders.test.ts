import { remindComingSessions } from '@hubspoke/domain';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newTable, signedIn } from '../support/factories.js';
import { TestSmtp } from '../support/smtp.js';

let ctx: TestContext;
let smtp: TestSmtp;
let worker: RunningWorker;

const HOUR = 3_600_000;
const inbox = async (as: Session) =>
  (await ctx.request({ method: 'GET', url: '/api/notifications', as })).json().items as Array<{
    kind: string;
    threadTitle: string;
    pathTableId: number | null;
  }>;

beforeAll(async () => {
  smtp = new TestSmtp();
  ctx = await createTestContext({ SMTP_URL: await smtp.start(), NOTIFY_EMAIL_DELAY_SECONDS: '0' });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
  await smtp.stop();
});

describe('the reminder the day before a session', () => {
  it('tells the table’s people once, mails those who want it, and reminds again when the session moves', async () => {
    const moderator = await signedIn(ctx, { role: 'moderator', email: 'moderatrice@comune-bari.example.it' });
    const member = await signedIn(ctx, { email: 'partecipante@comune-bari.example.it' });
    const quiet = await signedIn(ctx, { email: 'silenzioso@comune-bari.example.it' });
    const outsider = await signedIn(ctx, { email: 'esterno@comune-lecce.example.it' });
    await ctx.db.updateTable('users').set({ email_tutoring: 'never' }).where('id', '=', quiet.user.id).execute();
    const lab = await newTable(ctx, {
      name: 'Laboratorio di Bari',
      members: [moderator.user, member.user, quiet.user],
    });
    const plan = async (title: string, hoursAhead: number) => {
      const response = await ctx.request({
        method: 'POST',
        url: `/api/tables/${lab.id}/sessions`,
        as: moderator.session,
        payload: {
          title,
          dimension: 'strategia',
          startsAt: new Date(Date.now() + hoursAhead * HOUR).toISOString(),
          days: 1,
          place: 'Palazzo di Città, Sala Giunta',
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().session.id as number;
    };
    const tomorrow = await plan('Definizione di una proposta di piano strategico', 20);
    await plan('PCM, partenariati, budget', 72);

    expect(await remindComingSessions(ctx.app.deps)).toBe(1);
    expect(await remindComingSessions(ctx.app.deps)).toBe(0);

    const reminders = (await inbox(member.session)).filter((n) => n.kind === 'session_reminder');
    expect(reminders).toEqual([
      expect.objectContaining({ threadTitle: 'Definizione di una proposta di piano strategico', pathTableId: lab.id }),
    ]);
    expect((await inbox(outsider.session)).some((n) => n.kind === 'session_reminder')).toBe(false);

    await expect.poll(() => smtp.to('partecipante@comune-bari.example.it').length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.to('partecipante@comune-bari.example.it')[0]?.parsed;
    expect(mail?.subject).toBe('Domani c’è la sessione «Definizione di una proposta di piano strategico» del percorso');
    expect(mail?.text).toContain(`http://forum.test/tavoli/${lab.id}/percorso`);
    expect(mail?.text).toContain('Palazzo di Città, Sala Giunta');
    expect(mail?.html).toContain('Apri il percorso del tavolo');
    await expect.poll(() => smtp.to('moderatrice@comune-bari.example.it').length, { timeout: 10_000 }).toBe(1);
    expect(smtp.to('silenzioso@comune-bari.example.it')).toHaveLength(0);
    expect(smtp.to('esterno@comune-lecce.example.it')).toHaveLength(0);

    // Moved to the day after: reminded again when that day comes near, not before.
    const moved = await ctx.request({
      method: 'PATCH',
      url: `/api/tables/${lab.id}/sessions/${tomorrow}`,
      as: moderator.session,
      payload: { startsAt: new Date(Date.now() + 40 * HOUR).toISOString() },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await remindComingSessions(ctx.app.deps)).toBe(0);
    await ctx.db
      .updateTable('table_sessions')
      .set({ starts_at: new Date(Date.now() + 10 * HOUR) })
      .where('id', '=', tomorrow)
      .execute();
    expect(await remindComingSessions(ctx.app.deps)).toBe(1);
    expect((await inbox(member.session)).filter((n) => n.kind === 'session_reminder')).toHaveLength(2);
  });
});
