import { auditRepo, eventRepo, type SurveyRow, surveyRepo, type Tx, tableRepo, type UserRow } from '@hubspoke/db';
import { assertPattoAccepted } from '../consents/consents.js';
import { notify } from '../notifications/notify.js';
import { isStaff } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import {
  type Answers,
  type EnteProfileDto,
  type Question,
  type ResponseDto,
  type SurveyDto,
  type SurveyListItemDto,
  type SurveyViewDto,
  surveyListItemToDto,
  surveyStatus,
  surveyToDto,
} from './dto.js';
import { findTemplate, SURVEY_TEMPLATES } from './templates.js';
import { answerText, checkAnswers, validateQuestions } from './validate.js';

export const SURVEY_TITLE_MAX = 200;
export const SURVEY_DESCRIPTION_MAX = 5000;
const NOTIFY_BATCH = 1000;

export const listSurveyTemplates = () => SURVEY_TEMPLATES;

export interface CreateSurveyInput {
  title: string;
  description?: string;
  template?: string;
  questions?: Question[];
  respondent: 'person' | 'ente';
  tableIds?: number[];
  opensAt?: string;
  closesAt?: string | null;
}

const parseDate = (field: string, value: string | null | undefined) => {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw invalid('invalid_date', `${field} is not a date`);
  return date;
};

/**
 * Tells those a survey is for that it has opened: an in-app notification each (no mail), in the
 * caller's transaction, and marks it announced. Returns the live events to publish after commit.
 */
async function announce(tx: Tx, survey: SurveyRow, by: { id: number | null; name: string | null }, now: Date) {
  const eventId = await eventRepo.insert(tx, { name: 'survey.opened', rooms: [], data: { surveyId: survey.id } });
  const people = await surveyRepo.respondentIds(tx, survey.id, survey.respondent, by.id ?? 0);
  const eventIds: number[] = [];
  // In batches: one statement may carry at most 65,535 parameters.
  for (let i = 0; i < people.length; i += NOTIFY_BATCH) {
    const batch = await notify(
      tx,
      people.slice(i, i + NOTIFY_BATCH).map((userId) => ({
        user_id: userId,
        kind: 'survey_open' as const,
        event_id: eventId,
        thread_id: null,
        post_id: null,
        actor_id: by.id,
        data: { threadTitle: survey.title, actorName: by.name ?? '', surveyId: survey.id },
      })),
    );
    eventIds.push(...batch.eventIds);
  }
  await surveyRepo.markAnnounced(tx, survey.id, now);
  return eventIds;
}

/**
 * The recurring job's work: announces the surveys whose opening time has come (a few at a time;
 * two workers never announce the same one). Returns how many it announced.
 */
export async function announceOpenedSurveys(deps: Pick<Deps, 'db' | 'clock' | 'events'>, limit = 20): Promise<number> {
  const now = deps.clock.now();
  const { count, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const due = await surveyRepo.lockUnannounced(tx, now, limit);
    const ids: number[] = [];
    for (const survey of due)
      ids.push(...(await announce(tx, survey, { id: survey.created_by, name: survey.creator_name }, now)));
    return { count: due.length, eventIds: ids };
  });
  deps.events.publish(eventIds);
  return count;
}

/**
 * Moderators and admins make a survey from a template or from their own questions. One open at
 * once is announced to those it is for by an in-app notification (no mail), in the same transaction.
 */
export async function createSurvey(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  actor: UserRow,
  input: CreateSurveyInput,
): Promise<SurveyDto> {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins create surveys');
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (title.length < 2 || title.length > SURVEY_TITLE_MAX)
    throw invalid('invalid_survey_title', `The title must have between 2 and ${SURVEY_TITLE_MAX} characters`);
  const description = (input.description ?? '').trim();
  if (description.length > SURVEY_DESCRIPTION_MAX)
    throw invalid('survey_description_too_long', `The description has more than ${SURVEY_DESCRIPTION_MAX} characters`);
  if ((input.template === undefined) === (input.questions === undefined))
    throw invalid('template_or_questions', 'Give either a template or questions');
  let questions: Question[];
  if (input.template !== undefined) {
    const template = findTemplate(input.template);
    if (!template) throw invalid('unknown_template', `No template ${input.template}`);
    questions = template.questions;
  } else {
    questions = validateQuestions(input.questions ?? []);
  }
  const now = deps.clock.now();
  const opensAt = parseDate('opensAt', input.opensAt) ?? now;
  const closesAt = parseDate('closesAt', input.closesAt) ?? null;
  if (closesAt && closesAt <= opensAt) throw invalid('invalid_dates', 'closesAt must come after opensAt');
  let tableIds: number[] | 'all' = 'all';
  if (input.tableIds !== undefined) {
    const unique = [...new Set(input.tableIds)];
    if (unique.length === 0) throw invalid('no_tables', 'Choose at least one table');
    const found = await tableRepo.existingIds(deps.db, unique);
    const missing = unique.filter((id) => !found.includes(id));
    if (missing.length) throw invalid('unknown_table', `No table ${missing.join(', ')}`);
    tableIds = unique;
  }
  const { row, eventIds } = await deps.db.transaction().execute(async (tx) => {
    const saved = await surveyRepo.insert(
      tx,
      {
        title,
        description,
        template: input.template ?? null,
        questions: JSON.stringify(questions),
        respondent: input.respondent,
        opens_at: opensAt,
        closes_at: closesAt,
        created_by: actor.id,
        created_at: now,
      },
      tableIds,
    );
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'survey.create',
      subjectType: 'survey',
      subjectId: String(saved.id),
      data: { template: input.template ?? null, respondent: input.respondent },
    });
    // Open at once: those it is for hear of it now; one opening later, when the job finds it open.
    if (saved.opens_at > now) return { row: saved, eventIds: [] as number[] };
    const eventIds = await announce(tx, saved, { id: actor.id, name: actor.display_name }, now);
    return { row: saved, eventIds };
  });
  deps.events.publish(eventIds);
  return surveyToDto(row, await surveyRepo.tablesOf(deps.db, row.id), now);
}

/** Staff change a survey's title or dates (for instance to close it now). */
export async function updateSurvey(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: UserRow,
  id: number,
  input: { title?: string; description?: string; opensAt?: string; closesAt?: string | null },
): Promise<SurveyDto> {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins change surveys');
  const current = await surveyRepo.findById(deps.db, id);
  if (!current) throw notFound('survey');
  const changes: Parameters<typeof surveyRepo.update>[2] = {};
  if (input.title !== undefined) {
    const title = input.title.replace(/\s+/g, ' ').trim();
    if (title.length < 2 || title.length > SURVEY_TITLE_MAX)
      throw invalid('invalid_survey_title', `The title must have between 2 and ${SURVEY_TITLE_MAX} characters`);
    changes.title = title;
  }
  if (input.description !== undefined) changes.description = input.description.trim();
  if (input.opensAt !== undefined) changes.opens_at = parseDate('opensAt', input.opensAt) ?? current.opens_at;
  if (input.closesAt !== undefined) changes.closes_at = parseDate('closesAt', input.closesAt) ?? null;
  const opens = changes.opens_at ?? current.opens_at;
  const closes = changes.closes_at === undefined ? current.closes_at : changes.closes_at;
  if (closes && closes <= opens) throw invalid('invalid_dates', 'closesAt must come after opensAt');
  const row = Object.keys(changes).length ? await surveyRepo.update(deps.db, id, changes) : current;
  if (!row) throw notFound('survey');
  return surveyToDto(row, await surveyRepo.tablesOf(deps.db, id), deps.clock.now());
}

/** Surveys for me: those I may answer that have opened (staff: every survey), newest first. */
export async function listSurveys(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: UserRow,
  options: { openOnly?: boolean } = {},
): Promise<SurveyListItemDto[]> {
  const now = deps.clock.now();
  const rows = await surveyRepo.listFor(deps.db, viewer, {
    all: isStaff(viewer),
    now,
    openOnly: options.openOnly ?? false,
  });
  return rows.map((r) => surveyListItemToDto(r, now));
}

/** Open surveys I (or my ente) have not answered yet: the home page's reminder. */
export async function pendingSurveys(deps: Pick<Deps, 'db' | 'clock'>, viewer: UserRow) {
  return (await listSurveys(deps, viewer, { openOnly: true })).filter((s) => s.canAnswer && !s.answered);
}

/** Whose response a person writes: their own, or their ente's. */
function ownerOf(survey: SurveyRow, viewer: UserRow): { userId: number } | { enteId: number } | null {
  if (survey.respondent === 'person') return { userId: viewer.id };
  return viewer.ente_id === null ? null : { enteId: viewer.ente_id };
}

/**
 * A survey as the reader may see it. Someone who may not answer it (outside its tables, or
 * without an ente for an ente survey) gets 404, as for a survey not yet open; staff see all.
 */
async function visibleSurvey(deps: Pick<Deps, 'db' | 'clock'>, viewer: UserRow, id: number) {
  const staff = isStaff(viewer);
  const row = await surveyRepo.findFor(deps.db, viewer, id, staff);
  const now = deps.clock.now();
  if (!row || (!staff && row.opens_at > now)) throw notFound('survey');
  const canAnswer = staff ? (await surveyRepo.findFor(deps.db, viewer, id, false)) !== undefined : true;
  return { row, now, staff, canAnswer: canAnswer && ownerOf(row, viewer) !== null };
}

const personRef = (id: number | null, name: string | null) =>
  id !== null && name !== null ? { id, displayName: name } : null;

function responseToDto(r: Awaited<ReturnType<typeof surveyRepo.findResponse>>): ResponseDto | null {
  if (!r) return null;
  return {
    answers: r.answers,
    submitted: r.submitted_at !== null,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: personRef(r.updated_by, r.updated_by_name),
    enteId: r.ente_id,
  };
}

export async function getSurvey(deps: Pick<Deps, 'db' | 'clock'>, viewer: UserRow, id: number): Promise<SurveyViewDto> {
  const { row, now, staff, canAnswer } = await visibleSurvey(deps, viewer, id);
  const owner = canAnswer ? ownerOf(row, viewer) : null;
  const [tables, response] = await Promise.all([
    surveyRepo.tablesOf(deps.db, id),
    owner ? surveyRepo.findResponse(deps.db, id, owner) : Promise.resolve(undefined),
  ]);
  const history = response ? await surveyRepo.history(deps.db, response.id) : [];
  const status = surveyStatus(row, now);
  return {
    survey: surveyToDto(row, tables, now),
    response: responseToDto(response),
    history: history.map((h) => ({
      changedBy: personRef(h.changed_by, h.display_name),
      changedAt: h.changed_at.toISOString(),
      submitted: h.submitted,
    })),
    canAnswer: canAnswer && status === 'open',
    resultsVisible: staff || status === 'closed',
  };
}

/**
 * Saves my answer (an ente survey: my ente's, the latest writer wins, each save kept with who
 * made it). Values are always checked; required answers on `submit`, and on every save of an
 * answer already submitted, which stays submitted. A refused save writes nothing, so the draft
 * saved before is kept whole. Only while the survey is open (409 otherwise), and, like every
 * write, once the participant holds the current Patto (403 patto_required).
 */
export async function saveSurveyResponse(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: UserRow,
  id: number,
  input: { answers: Answers; submit?: boolean },
): Promise<ResponseDto> {
  const { row, now, canAnswer } = await visibleSurvey(deps, viewer, id);
  const owner = ownerOf(row, viewer);
  if (!canAnswer || !owner) {
    throw row.respondent === 'ente' && viewer.ente_id === null
      ? forbidden('Only people of an ente answer this survey')
      : forbidden('You are not among those this survey is for');
  }
  const status = surveyStatus(row, now);
  if (status === 'scheduled') throw conflict('survey_not_open', 'This survey is not open yet');
  if (status === 'closed') throw conflict('survey_closed', 'This survey has closed');
  // Answering is writing in the community: once a Patto is published, it takes the current one.
  await assertPattoAccepted(deps, viewer);
  const existing = await surveyRepo.findResponse(deps.db, id, owner);
  const submit = input.submit === true || existing?.submitted_at != null;
  const checked = checkAnswers(row.questions as Question[], input.answers, submit);
  await deps.db.transaction().execute((tx) =>
    surveyRepo.saveResponse(tx, {
      surveyId: id,
      owner,
      answers: checked.answers,
      submitted: submit,
      writerId: viewer.id,
      now,
      items: checked.items,
    }),
  );
  return responseToDto(await surveyRepo.findResponse(deps.db, id, owner)) as ResponseDto;
}

/** The ente's profile: its latest submitted answer to an `ente_profile` survey, in words. */
export async function enteProfile(deps: Pick<Deps, 'db'>, enteId: number): Promise<EnteProfileDto | null> {
  const row = await surveyRepo.latestEnteProfile(deps.db, enteId);
  if (!row) return null;
  const questions = row.questions as Question[];
  const answers: EnteProfileDto['answers'] = [];
  for (const q of questions) {
    const text = answerText(q, (row.answers as Answers)[q.key]);
    if (text) answers.push({ key: q.key, section: q.section ?? null, label: q.label, text });
  }
  return {
    surveyId: row.survey_id,
    title: row.title,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: personRef(row.updated_by, row.updated_by_name),
    answers,
  };
}

/**
 * Everything a person answered, for their data export: their own answers, and each change they
 * made to their ente's answer.
 */
export async function surveyAnswersForExport(deps: Pick<Deps, 'db'>, userId: number) {
  const { own, enteChanges } = await surveyRepo.answersOf(deps.db, userId);
  return {
    responses: own.map((r) => ({
      surveyId: r.survey_id,
      title: r.title,
      answers: r.answers,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      updatedAt: r.updated_at.toISOString(),
    })),
    enteChanges: enteChanges.map((c) => ({
      surveyId: c.survey_id,
      title: c.title,
      enteId: c.ente_id,
      answers: c.answers,
      submitted: c.submitted,
      changedAt: c.changed_at.toISOString(),
    })),
  };
}
