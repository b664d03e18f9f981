import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { DB, SurveyResponseRow, SurveyRow, SurveysTable } from '../../schema.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

export interface SurveyViewer extends Viewer {
  ente_id: number | null;
}

const SURVEY_COLUMNS = [
  'surveys.id',
  'surveys.title',
  'surveys.description',
  'surveys.template',
  'surveys.questions',
  'surveys.respondent',
  'surveys.opens_at',
  'surveys.closes_at',
  'surveys.created_by',
  'surveys.created_at',
  'surveys.announced_at',
] as const;

/**
 * The SQL form of "may this person answer the survey": they read at least one of its tables
 * (as `tableVisibleTo` says), and for an ente survey they belong to an ente.
 */
export function respondentOf(viewer: SurveyViewer) {
  return (eb: ExpressionBuilder<DB, 'surveys'>) =>
    eb.and([
      viewer.ente_id === null ? eb('surveys.respondent', '=', 'person') : eb.lit(true),
      eb.exists(
        eb
          .selectFrom('survey_tables')
          .innerJoin('tables', 'tables.id', 'survey_tables.table_id')
          .select('survey_tables.table_id')
          .whereRef('survey_tables.survey_id', '=', 'surveys.id')
          .where(tableVisibleTo(viewer)),
      ),
    ]);
}

export async function insert(
  tx: Tx,
  survey: Insertable<SurveysTable>,
  tableIds: readonly number[] | 'all',
): Promise<SurveyRow> {
  const row = await tx.insertInto('surveys').values(survey).returning(SURVEY_COLUMNS).executeTakeFirstOrThrow();
  if (tableIds === 'all') {
    await tx
      .insertInto('survey_tables')
      .columns(['survey_id', 'table_id'])
      .expression((eb) => eb.selectFrom('tables').select([eb.val(row.id).as('survey_id'), 'tables.id as table_id']))
      .execute();
  } else if (tableIds.length) {
    await tx
      .insertInto('survey_tables')
      .values(tableIds.map((table_id) => ({ survey_id: row.id, table_id })))
      .execute();
  }
  return row;
}

export async function update(
  db: Executor,
  id: number,
  changes: Partial<Pick<SurveyRow, 'title' | 'description' | 'opens_at' | 'closes_at'>>,
): Promise<SurveyRow | undefined> {
  return db.updateTable('surveys').set(changes).where('id', '=', id).returning(SURVEY_COLUMNS).executeTakeFirst();
}

export function findById(db: Executor, id: number): Promise<SurveyRow | undefined> {
  return db.selectFrom('surveys').select(SURVEY_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The survey if this person may answer it (staff see every survey: `all`). */
export function findFor(db: Executor, viewer: SurveyViewer, id: number, all: boolean): Promise<SurveyRow | undefined> {
  let query = db.selectFrom('surveys').select(SURVEY_COLUMNS).where('surveys.id', '=', id);
  if (!all) query = query.where(respondentOf(viewer));
  return query.executeTakeFirst();
}

export type ListedSurvey = SurveyRow & {
  answered_at: Date | null;
  draft_saved_at: Date | null;
  can_answer: boolean;
};

/**
 * Surveys for this person, newest first: those they may answer that have opened, and for staff
 * every survey. With whether they (or their ente) submitted an answer or saved a draft.
 */
export function listFor(
  db: Executor,
  viewer: SurveyViewer,
  options: { all: boolean; now: Date; openOnly?: boolean },
): Promise<ListedSurvey[]> {
  return db
    .selectFrom('surveys')
    .leftJoin('survey_responses as r', (join) =>
      join
        .onRef('r.survey_id', '=', 'surveys.id')
        .on((eb) =>
          eb.or([
            eb.and([eb('surveys.respondent', '=', 'person'), eb('r.user_id', '=', viewer.id)]),
            viewer.ente_id === null
              ? eb.lit(false)
              : eb.and([eb('surveys.respondent', '=', 'ente'), eb('r.ente_id', '=', viewer.ente_id)]),
          ]),
        ),
    )
    .select(SURVEY_COLUMNS)
    .select((eb) => [
      'r.submitted_at as answered_at',
      sql<Date | null>`case when r.submitted_at is null then r.updated_at end`.as('draft_saved_at'),
      respondentOf(viewer)(eb as never)
        .$castTo<boolean>()
        .as('can_answer'),
    ])
    .$if(!options.all, (q) => q.where(respondentOf(viewer)).where('surveys.opens_at', '<=', options.now))
    .$if(options.openOnly === true, (q) =>
      q
        .where('surveys.opens_at', '<=', options.now)
        .where((eb) => eb.or([eb('surveys.closes_at', 'is', null), eb('surveys.closes_at', '>', options.now)])),
    )
    .orderBy('surveys.opens_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .limit(200)
    .execute() as Promise<ListedSurvey[]>;
}

export function tablesOf(db: Executor, surveyId: number) {
  return db
    .selectFrom('survey_tables')
    .innerJoin('tables', 'tables.id', 'survey_tables.table_id')
    .select(['tables.id', 'tables.name'])
    .where('survey_tables.survey_id', '=', surveyId)
    .orderBy('tables.name')
    .execute();
}

const RESPONSE_COLUMNS = [
  'survey_responses.id',
  'survey_responses.survey_id',
  'survey_responses.user_id',
  'survey_responses.ente_id',
  'survey_responses.answers',
  'survey_responses.submitted_at',
  'survey_responses.updated_by',
  'survey_responses.updated_at',
] as const;

export type ResponseWithWriter = SurveyResponseRow & { updated_by_name: string | null };

/** The response of this person (a person survey) or of this ente (an ente survey). */
export function findResponse(
  db: Executor,
  surveyId: number,
  owner: { userId: number } | { enteId: number },
): Promise<ResponseWithWriter | undefined> {
  return db
    .selectFrom('survey_responses')
    .leftJoin('users', 'users.id', 'survey_responses.updated_by')
    .select(RESPONSE_COLUMNS)
    .select('users.display_name as updated_by_name')
    .where('survey_responses.survey_id', '=', surveyId)
    .$if('userId' in owner, (q) => q.where('survey_responses.user_id', '=', (owner as { userId: number }).userId))
    .$if('enteId' in owner, (q) => q.where('survey_responses.ente_id', '=', (owner as { enteId: number }).enteId))
    .executeTakeFirst();
}

export interface AnswerItem {
  question_key: string;
  option_key: string | null;
  other_text: string | null;
  number_value: number | null;
}

/**
 * Saves a response: one row per person or ente (the latest writer wins), a line in its history,
 * and its items rewritten. The upsert locks the row, so two writers of one ente go one after the
 * other and the items always match the answers kept.
 */
export async function saveResponse(
  tx: Tx,
  input: {
    surveyId: number;
    owner: { userId: number } | { enteId: number };
    answers: Record<string, unknown>;
    submitted: boolean;
    writerId: number;
    now: Date;
    items: readonly AnswerItem[];
  },
): Promise<SurveyResponseRow> {
  const json = JSON.stringify(input.answers);
  const values = {
    survey_id: input.surveyId,
    user_id: 'userId' in input.owner ? input.owner.userId : null,
    ente_id: 'enteId' in input.owner ? input.owner.enteId : null,
    answers: json,
    submitted_at: input.submitted ? input.now : null,
    updated_by: input.writerId,
    updated_at: input.now,
  };
  const target = 'userId' in input.owner ? 'user_id' : 'ente_id';
  const row = await tx
    .insertInto('survey_responses')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['survey_id', target])
        .where(target, 'is not', null)
        .doUpdateSet((eb) => ({
          answers: eb.ref('excluded.answers'),
          // A response once submitted stays submitted, keeping the time it was first sent.
          submitted_at: input.submitted
            ? sql<Date>`coalesce(survey_responses.submitted_at, excluded.submitted_at)`
            : eb.val(null),
          updated_by: eb.ref('excluded.updated_by'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
    )
    .returning(RESPONSE_COLUMNS)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('survey_response_changes')
    .values({
      response_id: row.id,
      answers: json,
      submitted: input.submitted,
      changed_by: input.writerId,
      changed_at: input.now,
    })
    .execute();
  await tx.deleteFrom('survey_answer_items').where('response_id', '=', row.id).execute();
  if (input.items.length) {
    await tx
      .insertInto('survey_answer_items')
      .values(input.items.map((item) => ({ ...item, response_id: row.id, survey_id: input.surveyId })))
      .execute();
  }
  return row;
}

/** Who changed a response and when, oldest first. */
export function history(db: Executor, responseId: number) {
  return db
    .selectFrom('survey_response_changes as c')
    .leftJoin('users', 'users.id', 'c.changed_by')
    .select(['c.id', 'c.changed_by', 'users.display_name', 'c.changed_at', 'c.submitted'])
    .where('c.response_id', '=', responseId)
    .orderBy('c.id')
    .execute();
}

/**
 * The profile of an ente: the latest submitted answer to an `ente_profile` survey, by the ente
 * itself or by one of its people.
 */
export function latestEnteProfile(db: Executor, enteId: number) {
  return db
    .selectFrom('survey_responses as r')
    .innerJoin('surveys', 'surveys.id', 'r.survey_id')
    .leftJoin('users as owner', 'owner.id', 'r.user_id')
    .leftJoin('users as writer', 'writer.id', 'r.updated_by')
    .select([
      'surveys.id as survey_id',
      'surveys.title',
      'surveys.questions',
      'r.answers',
      'r.updated_at',
      'r.updated_by',
      'writer.display_name as updated_by_name',
    ])
    .where('surveys.template', '=', 'ente_profile')
    .where('r.submitted_at', 'is not', null)
    .where((eb) => eb.or([eb('r.ente_id', '=', enteId), eb('owner.ente_id', '=', enteId)]))
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Who a survey that has just opened is for: active people other than admins who read one of its
 * tables (for an ente survey, those who belong to an ente), but not `exceptId`.
 */
export async function respondentIds(
  db: Executor,
  surveyId: number,
  respondent: 'person' | 'ente',
  exceptId: number,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select u.id from users u
     where u.deactivated_at is null and u.erased_at is null and u.role <> 'admin' and u.id <> ${exceptId}
       ${respondent === 'ente' ? sql`and u.ente_id is not null` : sql``}
       and (exists (select 1 from survey_tables st join tables t on t.id = st.table_id
                     where st.survey_id = ${surveyId} and t.visibility = 'participants')
            or u.id in (select tp.user_id from table_participants tp
                          join survey_tables st on st.table_id = tp.table_id
                         where st.survey_id = ${surveyId}))
     order by u.id`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Open surveys not announced yet, oldest opening first, locked for this transaction (another
 * worker skips them), with the name of who made each.
 */
export function lockUnannounced(tx: Tx, now: Date, limit: number) {
  return tx
    .selectFrom('surveys')
    .leftJoin('users', 'users.id', 'surveys.created_by')
    .select(SURVEY_COLUMNS)
    .select('users.display_name as creator_name')
    .where('surveys.announced_at', 'is', null)
    .where('surveys.opens_at', '<=', now)
    .where((eb) => eb.or([eb('surveys.closes_at', 'is', null), eb('surveys.closes_at', '>', now)]))
    .orderBy('surveys.opens_at')
    .limit(limit)
    .forUpdate('surveys')
    .skipLocked()
    .execute();
}

export async function markAnnounced(tx: Tx, id: number, at: Date): Promise<void> {
  await tx.updateTable('surveys').set({ announced_at: at }).where('id', '=', id).execute();
}

/**
 * What a person answered, for their data export: their own responses, and the changes they made
 * to their ente's (each save kept in the history), oldest first.
 */
export async function answersOf(db: Executor, userId: number) {
  const [own, enteChanges] = await Promise.all([
    db
      .selectFrom('survey_responses as r')
      .innerJoin('surveys', 'surveys.id', 'r.survey_id')
      .select(['surveys.id as survey_id', 'surveys.title', 'r.answers', 'r.submitted_at', 'r.updated_at'])
      .where('r.user_id', '=', userId)
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('survey_response_changes as c')
      .innerJoin('survey_responses as r', 'r.id', 'c.response_id')
      .innerJoin('surveys', 'surveys.id', 'r.survey_id')
      .select(['surveys.id as survey_id', 'surveys.title', 'r.ente_id', 'c.answers', 'c.submitted', 'c.changed_at'])
      .where('c.changed_by', '=', userId)
      .where('r.ente_id', 'is not', null)
      .orderBy('c.id')
      .execute(),
  ]);
  return { own, enteChanges };
}
