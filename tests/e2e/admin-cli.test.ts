import { spawnSync } from 'node:child_process';
import { createDb } from '@hubspoke/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases.js';
import { ROOT } from '../support/server-process.js';

let database: string;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => dropTestDatabase(database));

const admin = (args: string[], input?: string) =>
  spawnSync('npm', ['run', '--silent', 'admin', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl(database), LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    input,
  });

describe('npm run admin', () => {
  it('create-user prints the new id, and refuses a duplicate with a clear message', async () => {
    const created = admin([
      'create-user',
      '--email',
      'Capo@Example.it',
      '--name',
      'Capo Progetto',
      '--role',
      'admin',
      '--password',
      'una password sicura',
    ]);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^\d+$/);
    const db = createDb(databaseUrl(database), { max: 1 });
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', Number(created.stdout.trim()))
      .executeTakeFirst();
    await db.destroy();
    expect(user).toMatchObject({ email: 'capo@example.it', role: 'admin', display_name: 'Capo Progetto' });

    const again = admin([
      'create-user',
      '--email',
      'capo@example.it',
      '--name',
      'Capo',
      '--role',
      'admin',
      '--password',
      'una password sicura',
    ]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('create-user reads the password from standard input when --password is left out', () => {
    const created = admin(
      ['create-user', '--email', 'stdin@example.it', '--name', 'Da Stdin', '--role', 'tutor'],
      'password da stdin\n',
    );
    expect(created.status).toBe(0);
    expect(created.stdout.trim()).toMatch(/^\d+$/);
  });

  it('explains bad input: unknown command, bad role, weak password', () => {
    expect(admin(['frobnicate']).stderr).toMatch(/Usage:/);
    const badRole = admin([
      'create-user',
      '--email',
      'r@example.it',
      '--name',
      'Ruolo',
      '--role',
      'king',
      '--password',
      'una password sicura',
    ]);
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr).toMatch(/--role must be one of/);
    const weak = admin([
      'create-user',
      '--email',
      'w@example.it',
      '--name',
      'Debole',
      '--role',
      'participant',
      '--password',
      'short',
    ]);
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/password must have between/);
  });

  it('seed-demo loads the demo once and is idempotent, its questions routed to the focus areas’ tutors, its consents published', async () => {
    const first = admin(['seed-demo']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Demo loaded/);
    expect(first.stdout).toMatch(/admin@demo\.hubspoke\.it/);
    const db = createDb(databaseUrl(database), { max: 1 });
    const questions = await db
      .selectFrom('threads')
      .innerJoin('users', 'users.id', 'threads.assigned_tutor_id')
      .select(['threads.focus_area', 'users.email', 'users.role'])
      .where('threads.kind', '=', 'question')
      .orderBy('threads.focus_area')
      .execute();
    const versions = await db.selectFrom('consent_versions').select(['kind', 'version']).orderBy('kind').execute();
    const signed = await db
      .selectFrom('consent_records')
      .innerJoin('users', 'users.id', 'consent_records.user_id')
      .select(['users.email', 'consent_records.kind'])
      .where('consent_records.kind', '=', 'liberatoria')
      .orderBy('users.email')
      .execute();
    const withCv = await db
      .selectFrom('cvs')
      .innerJoin('users', 'users.id', 'cvs.user_id')
      .select('users.email')
      .orderBy('users.email')
      .execute();
    const surveys = await db
      .selectFrom('surveys')
      .leftJoin('survey_responses as r', 'r.survey_id', 'surveys.id')
      .select((eb) => [
        'surveys.template',
        eb.fn.count<number>('r.submitted_at').as('submitted'),
        eb.fn.count<number>('r.id').as('responses'),
        sql<boolean>`coalesce(bool_or(surveys.closes_at <= now()), false)`.as('closed'),
      ])
      .groupBy('surveys.template')
      .orderBy('surveys.template')
      .execute();
    const mails = await db
      .selectFrom('mail_outbox')
      .select('template')
      .where('template', 'like', 'consent_%')
      .execute();
    const path = await db
      .selectFrom('table_sessions as s')
      .innerJoin('tables as t', 't.id', 's.table_id')
      .select((eb) => [
        't.name',
        eb.fn.countAll<number>().as('sessions'),
        eb.fn.count<number>(sql`case when s.starts_at < now() then 1 end`).as('held'),
        eb
          .selectFrom('session_attendance as a')
          .innerJoin('table_sessions as x', 'x.id', 'a.session_id')
          .whereRef('x.table_id', '=', 's.table_id')
          .select((a) => a.fn.countAll<number>().as('n'))
          .as('attendances'),
        eb
          .selectFrom('path_products as p')
          .whereRef('p.table_id', '=', 's.table_id')
          .select((a) => a.fn.countAll<number>().as('n'))
          .as('products'),
      ])
      .groupBy(['t.name', 's.table_id'])
      .execute();
    const experiences = await db
      .selectFrom('experiences')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .orderBy('status')
      .execute();
    const stakeholders = await db
      .selectFrom('stakeholders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute();
    const conversations = await db
      .selectFrom('conversations')
      .select([
        'title',
        'is_question',
        (eb) =>
          eb
            .selectFrom('conversation_messages as m')
            .whereRef('m.conversation_id', '=', 'conversations.id')
            .select((m) => m.fn.countAll<number>().as('n'))
            .as('messages'),
      ])
      .orderBy('id')
      .execute();
    const paced = await db
      .selectFrom('threads')
      .select(['title', 'slow_mode_minutes'])
      .where('slow_mode_minutes', 'is not', null)
      .execute();
    const drafts = await db
      .selectFrom('post_drafts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .execute();
    const pictures = await db
      .selectFrom('post_uploads')
      .select(['kind', 'media_type', (eb) => eb('post_id', 'is not', null).as('attached')])
      .execute();
    await db.destroy();
    // Two private conversations (one a question answered by the tutor) and a picture in a lab's thread.
    expect(conversations).toEqual([
      { title: 'Cofinanziamento del gemellaggio con Tirana', is_question: true, messages: 2 },
      { title: 'Visita di studio a Durazzo', is_question: false, messages: 2 },
    ]);
    // A busy thread kept at one post every five minutes, and a reply someone has not sent yet.
    expect(paced).toEqual([{ title: 'Benvenuti nel tavolo interregionale', slow_mode_minutes: 5 }]);
    expect(drafts).toEqual([{ n: 1 }]);
    expect(pictures).toEqual([{ kind: 'image', media_type: 'image/png', attached: true }]);
    // Schede di valorizzazione written by the enti, two published by the moderator; stakeholders kept by four enti.
    expect(experiences).toEqual([
      { status: 'draft', n: 1 },
      { status: 'published', n: 2 },
    ]);
    expect(stakeholders).toEqual([{ n: 4 }]);
    // The Bari lab's path: two sessions held with who took part, two to come, three products due.
    expect(path).toEqual([{ name: 'Laboratorio Bari', sessions: 4, held: 2, attendances: 2, products: 3 }]);
    // The programme's texts are published, some demo people have consented, and nobody was mailed about it.
    expect(versions).toEqual([
      { kind: 'liberatoria', version: 1 },
      { kind: 'patto', version: 1 },
      { kind: 'privacy', version: 1 },
    ]);
    expect(signed.map((s) => s.email)).toEqual(['giulia.bari@demo.hubspoke.it', 'luca.lecce@demo.hubspoke.it']);
    expect(mails).toEqual([]);
    expect(withCv.map((c) => c.email)).toEqual([
      'giulia.bari@demo.hubspoke.it',
      'luca.lecce@demo.hubspoke.it',
      'sara.palermo@demo.hubspoke.it',
    ]);
    // The seed's three questionnaires, answered by several enti (a draft or two among them).
    expect(surveys).toEqual([
      { template: 'criticita', submitted: 4, responses: 4, closed: true },
      { template: 'ente_profile', submitted: 3, responses: 4, closed: false },
      { template: 'priorita', submitted: 3, responses: 4, closed: false },
    ]);
    expect(questions).toEqual([
      { focus_area: 'cultura', email: 'tutor.cultura@demo.hubspoke.it', role: 'tutor' },
      { focus_area: 'innovazione', email: 'tutor.innovazione@demo.hubspoke.it', role: 'tutor' },
    ]);
    const second = admin(['seed-demo']);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/already loaded/);
  });
});
