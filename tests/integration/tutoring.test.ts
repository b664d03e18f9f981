import { eventJobId } from '@hubspoke/jobs';
import { type RunningWorker, startWorker } from '@hubspoke/worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';
import { completedJob, untilNoJobsPending } from '../support/jobs.js';

let ctx: TestContext;
let worker: RunningWorker;
type Person = { user: { id: number }; session: Session };
let admin: Person;

beforeAll(async () => {
  // Targets of about a second and a half of wall-clock time, so reminders fire during the test.
  ctx = await createTestContext({
    POST_MAX_PER_WINDOW: '10000',
    TUTORING_REMINDER_HOURS: '0.0004',
    TUTORING_ESCALATION_HOURS: '0.0008',
    TUTORING_WORKING_DAYS_ONLY: 'false',
  });
  worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
  admin = await signedIn(ctx, { role: 'admin' });
});
afterAll(async () => {
  await worker.close();
  await ctx.close();
});

const pool = (tableId: number, tutorId: number, focusArea?: string) =>
  ctx.request({
    method: 'PUT',
    url: `/api/tutoring/pools/${tableId}/tutors/${tutorId}`,
    as: admin.session,
    payload: focusArea ? { focusArea } : {},
  });
const ask = async (as: Session, tableId: number, focusArea: 'cultura' | 'innovazione' = 'cultura') =>
  (await newThread(ctx, as, { tableId, kind: 'question', focusArea })).thread.id;
const question = async (id: number, as: Session) =>
  (await ctx.request({ method: 'GET', url: `/api/threads/${id}`, as })).json();
const kinds = async (who: Person) =>
  (await ctx.request({ method: 'GET', url: '/api/notifications', as: who.session })).json().items as Array<{
    kind: string;
    threadId: number;
  }>;

describe('routing', () => {
  it('gives a question to the least busy tutor of the matching pool, ties to the longest idle', async () => {
    const asker = await signedIn(ctx);
    const [a, b, c] = await Promise.all([
      signedIn(ctx, { role: 'tutor' }),
      signedIn(ctx, { role: 'tutor' }),
      signedIn(ctx, { role: 'tutor' }),
    ]);
    const table = await newTable(ctx, { kind: 'lab', members: [asker.user, a.user, b.user, c.user] });
    expect((await pool(table.id, a.user.id)).statusCode).toBe(204);
    await pool(table.id, b.user.id);
    await pool(table.id, c.user.id, 'innovazione');
    expect((await pool(table.id, asker.user.id)).statusCode).toBe(400);

    const first = await ask(asker.session, table.id);
    const second = await ask(asker.session, table.id);
    const assigned = [
      (await question(first, asker.session)).thread.question.assignedTutorId,
      (await question(second, asker.session)).thread.question.assignedTutorId,
    ];
    // a and b each get one (never c, who only serves Innovazione); the third goes to whoever was idle longest.
    expect(assigned.sort()).toEqual([a.user.id, b.user.id].sort());
    const third = await ask(asker.session, table.id, 'innovazione');
    expect((await question(third, asker.session)).thread.question).toMatchObject({
      status: 'open',
      assignedTutorId: c.user.id,
    });
    await expect.poll(async () => (await kinds(c)).map((n) => n.kind)).toContain('question_assigned');
  });

  it('falls back to the table’s moderators; moderators reassign (audited), tutors hand back', async () => {
    const asker = await signedIn(ctx);
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const [a, b] = await Promise.all([signedIn(ctx, { role: 'tutor' }), signedIn(ctx, { role: 'tutor' })]);
    const table = await newTable(ctx, { kind: 'lab', members: [asker.user, moderator.user, a.user, b.user] });
    const unpooled = await ask(asker.session, table.id);
    expect((await question(unpooled, asker.session)).thread.question.assignedTutorId).toBe(moderator.user.id);

    const move = (as: Session, tutorId: number | null) =>
      ctx.request({ method: 'PUT', url: `/api/tutoring/questions/${unpooled}/assignee`, as, payload: { tutorId } });
    expect((await move(asker.session, a.user.id)).statusCode).toBe(403);
    expect((await move(moderator.session, a.user.id)).statusCode).toBe(204);
    expect((await question(unpooled, asker.session)).thread.question.assignedTutorId).toBe(a.user.id);

    await pool(table.id, a.user.id);
    await pool(table.id, b.user.id);
    expect(
      (await ctx.request({ method: 'POST', url: `/api/tutoring/questions/${unpooled}/hand-back`, as: b.session }))
        .statusCode,
    ).toBe(403);
    const back = await ctx.request({
      method: 'POST',
      url: `/api/tutoring/questions/${unpooled}/hand-back`,
      as: a.session,
    });
    expect(back.json()).toEqual({ tutorId: b.user.id });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_type', '=', 'thread')
      .where('subject_id', '=', String(unpooled))
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'question.assign',
      'question.assign',
      'question.assign',
      'question.hand_back',
    ]);
  });
});

describe('reminders and escalation', () => {
  it('remind the tutor, then tell the moderators, once each; an answer cancels them', async () => {
    const asker = await signedIn(ctx);
    const moderator = await signedIn(ctx, { role: 'moderator' });
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const table = await newTable(ctx, { kind: 'lab', members: [asker.user, moderator.user, tutor.user] });
    await pool(table.id, tutor.user.id);
    const waiting = await ask(asker.session, table.id);
    const answered = await ask(asker.session, table.id);
    await newReply(ctx, tutor.session, answered, 'Ecco la risposta');
    expect((await question(answered, asker.session)).thread.question.status).toBe('answered');

    // Restart the worker before the targets: the delayed jobs live in Redis and still fire once.
    await worker.close();
    worker = await startWorker(ctx.config, { log: () => {}, schedules: false });
    await expect
      .poll(async () => (await kinds(tutor)).filter((n) => n.kind === 'question_reminder').map((n) => n.threadId), {
        timeout: 15_000,
      })
      .toEqual([waiting]);
    await expect
      .poll(
        async () => (await kinds(moderator)).filter((n) => n.kind === 'question_escalated').map((n) => n.threadId),
        { timeout: 15_000 },
      )
      .toEqual([waiting]);
    // Every reminder or escalation these questions could get comes from a job their assignment
    // scheduled: once those jobs have all run, nothing more can arrive.
    const questions = [waiting, answered];
    const assignments = await ctx.db
      .selectFrom('events')
      .select('id')
      .where('name', '=', 'question.assigned')
      .where(sql<number>`(data->>'threadId')::bigint`, 'in', questions)
      .execute();
    expect(assignments).toHaveLength(2);
    for (const { id } of assignments) await completedJob(worker.queue, eventJobId(id));
    await untilNoJobsPending(
      worker.queue,
      (job) => job.name === 'tutoring.nudge' && questions.includes(job.data.threadId),
    );
    expect((await kinds(tutor)).filter((n) => n.kind === 'question_reminder').map((n) => n.threadId)).toEqual([
      waiting,
    ]);
    expect((await kinds(moderator)).filter((n) => n.kind === 'question_escalated').map((n) => n.threadId)).toEqual([
      waiting,
    ]);
  });
});

describe('answers', () => {
  it('open → answered → resolved; the asker, tutor or a moderator accept, and can change it', async () => {
    const asker = await signedIn(ctx);
    const other = await signedIn(ctx);
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const table = await newTable(ctx, { kind: 'regional', members: [asker.user, other.user, tutor.user] });
    await pool(table.id, tutor.user.id);
    const id = await ask(asker.session, table.id);
    const fromOther = await newReply(ctx, other.session, id, 'Un parere');
    expect((await question(id, asker.session)).thread.question.status).toBe('open');
    const fromTutor = await newReply(ctx, tutor.session, id, 'La risposta del tutor');
    expect((await question(id, asker.session)).thread.question.status).toBe('answered');
    await expect.poll(async () => (await kinds(asker)).map((n) => n.kind)).toContain('tutor_answer');

    const accept = (as: Session, postId: number) =>
      ctx.request({ method: 'POST', url: `/api/threads/${id}/accept`, as, payload: { postId } });
    expect((await accept(other.session, fromTutor.id)).statusCode).toBe(403);
    const accepted = await accept(asker.session, fromTutor.id);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().thread.question).toMatchObject({ status: 'resolved', acceptedPostId: fromTutor.id });
    let page = await question(id, other.session);
    expect(page.thread.question).toMatchObject({ status: 'resolved', acceptedPostId: fromTutor.id });
    expect(page.acceptedAnswer.id).toBe(fromTutor.id);
    expect((await accept(tutor.session, fromOther.id)).statusCode).toBe(200);
    page = await question(id, other.session);
    expect(page.acceptedAnswer.id).toBe(fromOther.id);
    expect((await accept(asker.session, page.posts[0].id)).statusCode).toBe(400);
    await expect.poll(async () => (await kinds(other)).map((n) => n.kind)).toContain('answer_accepted');
  });
});

describe('queue, metrics and privacy', () => {
  it('the queue lists unanswered questions oldest first, then those awaiting acceptance; participants get 403', async () => {
    const asker = await signedIn(ctx);
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const table = await newTable(ctx, { kind: 'lab', members: [asker.user, tutor.user] });
    await pool(table.id, tutor.user.id);
    const older = await ask(asker.session, table.id);
    const answered = await ask(asker.session, table.id);
    const newer = await ask(asker.session, table.id);
    await newReply(ctx, tutor.session, answered, 'Risposta');
    const queue = (await ctx.request({ method: 'GET', url: '/api/tutoring/queue', as: tutor.session })).json().items;
    expect(queue.map((q: { threadId: number }) => q.threadId)).toEqual([older, newer, answered]);
    expect(queue[0]).toMatchObject({ status: 'open', replies: 0 });
    expect((await ctx.request({ method: 'GET', url: '/api/tutoring/queue', as: asker.session })).statusCode).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'GET',
          url: '/api/tutoring/metrics?from=2026-01-01&to=2026-12-31',
          as: asker.session,
        })
      ).statusCode,
    ).toBe(403);

    const outsider = await signedIn(ctx);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: `/api/threads/${older}/accept`,
          as: outsider.session,
          payload: { postId: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await ctx.request({ method: 'POST', url: `/api/tutoring/questions/${older}/hand-back`, as: outsider.session }))
        .statusCode,
    ).toBe(404);
  });

  it('metrics compute medians and 90th percentiles on a known data set', async () => {
    const tutor = await signedIn(ctx, { role: 'tutor' });
    const asker = await signedIn(ctx);
    const table = await newTable(ctx, {
      kind: 'lab',
      name: 'Tavolo delle metriche',
      members: [asker.user, tutor.user],
    });
    const base = new Date('2025-03-03T09:00:00Z');
    const hours = [1, 2, 3, 4, 10];
    for (const [i, h] of hours.entries()) {
      await ctx.db
        .insertInto('threads')
        .values({
          table_id: table.id,
          focus_area: 'cultura',
          kind: 'question',
          title: `Domanda misurata ${i}`,
          author_id: asker.user.id,
          created_at: base,
          question_status: i < 4 ? 'resolved' : 'answered',
          assigned_tutor_id: tutor.user.id,
          first_tutor_reply_at: new Date(base.getTime() + h * 3_600_000),
          resolved_at: i < 4 ? new Date(base.getTime() + 2 * h * 3_600_000) : null,
        })
        .execute();
    }
    const metrics = (
      await ctx.request({
        method: 'GET',
        url: '/api/tutoring/metrics?from=2025-03-03&to=2025-03-03',
        as: admin.session,
      })
    ).json();
    expect(metrics.total).toEqual({
      questions: 5,
      open: 0,
      answered: 1,
      resolved: 4,
      firstReplyHours: { median: 3, p90: 10 },
      resolutionHours: { median: 4, p90: 8 },
    });
    expect(metrics.byTutor).toEqual([expect.objectContaining({ tutorId: tutor.user.id, questions: 5 })]);
    expect(metrics.byTable).toEqual([expect.objectContaining({ name: 'Tavolo delle metriche' })]);
    const own = (
      await ctx.request({
        method: 'GET',
        url: '/api/tutoring/metrics?from=2025-03-03&to=2025-03-03',
        as: tutor.session,
      })
    ).json();
    expect(own.total.questions).toBe(5);
  });
});
