import {
  type DraftScope,
  type ExperienceFilters,
  enteRepo,
  experienceRepo,
  type UserRow,
  vocabularyRepo,
} from '@hubspoke/db';
import { canEditExperience, canPublishExperiences, canWorkForEnte } from '../permissions.js';
import { csvLine, csvText } from '../shared/csv.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';
import { searchWords } from '../shared/search-words.js';
import {
  type ExperienceDetailDto,
  type ExperienceDto,
  type ExperienceInput,
  type ExperiencePatch,
  experienceToDto,
} from './dto.js';
import { cleanExperience } from './validate.js';

type ExperienceDeps = Pick<Deps, 'db'>;

/** A spreadsheet holds at most this many sheets; filters narrow it. */
const EXPERIENCE_CSV_MAX = 5000;

export interface ExperienceQuery {
  q?: string | undefined;
  focusArea?: string | undefined;
  country?: string | undefined;
  sector?: string | undefined;
  fund?: string | undefined;
  enteId?: number | undefined;
  year?: number | undefined;
  status?: 'draft' | 'published' | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** Which drafts a person reads: all of them (tutors, moderators, admins) or their ente's (`canWorkForEnte`). */
const draftScope = (actor: UserRow): DraftScope =>
  actor.role === 'participant' ? { enteId: actor.ente_id } : { all: true };

function filtersOf(query: ExperienceQuery): ExperienceFilters {
  const text = searchWords(query.q);
  const fund = query.fund?.trim();
  return {
    ...(text ? { text } : {}),
    ...(query.focusArea ? { focusArea: query.focusArea } : {}),
    ...(query.country ? { country: query.country.trim().toUpperCase() } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(fund ? { fund } : {}),
    ...(query.enteId !== undefined ? { enteId: query.enteId } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.status ? { status: query.status } : {}),
  };
}

const isCursor = (c: any): c is { id: number } => Number.isSafeInteger(c?.id);

/**
 * Schede di valorizzazione, newest first: published ones for every signed-in person, drafts for
 * their ente's people and for tutors, moderators and admins. Narrowed by words (Italian and
 * English stemming), focus area, country, sector, fund, ente and year.
 */
export async function listExperiences(
  deps: ExperienceDeps,
  actor: UserRow,
  query: ExperienceQuery,
): Promise<{ items: ExperienceDto[]; nextCursor: string | null }> {
  const limit = pageSize(query.limit);
  const after = decodeCursor(query.cursor, isCursor);
  const rows = await experienceRepo.list(deps.db, draftScope(actor), filtersOf(query), after?.id, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(experienceToDto),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.id }) : null,
  };
}

/** The same selection as a spreadsheet, one row per sheet (at most EXPERIENCE_CSV_MAX). */
export async function experiencesCsv(deps: ExperienceDeps, actor: UserRow, query: ExperienceQuery): Promise<string> {
  const rows = await experienceRepo.list(deps.db, draftScope(actor), filtersOf(query), undefined, EXPERIENCE_CSV_MAX);
  const join = (values: readonly string[]) => values.join('; ');
  return csvText([
    csvLine([
      'id',
      'status',
      'title',
      'ente',
      'region',
      'focus_area',
      'dimension',
      'year_from',
      'year_to',
      'programme',
      'fund',
      'budget_eur',
      'countries',
      'sectors',
      'partners',
      'summary',
      'results',
      'lessons',
    ]),
    ...rows.map((r) =>
      csvLine([
        r.id,
        r.status,
        r.title,
        r.ente_name,
        r.ente_region,
        r.focus_area,
        r.dimension,
        r.year_from,
        r.year_to,
        r.programme,
        r.fund,
        r.budget_eur,
        join(r.countries),
        join(r.sectors),
        join(r.partners),
        r.summary,
        r.results,
        r.lessons,
      ]),
    ),
  ]);
}

async function vocabularies(deps: ExperienceDeps) {
  const [focusAreas, dimensions] = await Promise.all([
    vocabularyRepo.listFocusAreas(deps.db),
    vocabularyRepo.listDimensions(deps.db),
  ]);
  return { focusAreas: new Set(focusAreas.map((f) => f.slug)), dimensions: new Set(dimensions.map((d) => d.slug)) };
}

async function visibleRow(deps: ExperienceDeps, actor: UserRow, id: number) {
  const row = await experienceRepo.find(deps.db, draftScope(actor), id);
  if (!row) throw notFound('experience');
  return row;
}

/** One sheet, with the documents and threads it links that the reader may read; 404 when hidden. */
export async function getExperience(deps: ExperienceDeps, actor: UserRow, id: number): Promise<ExperienceDetailDto> {
  const row = await visibleRow(deps, actor, id);
  const links = await experienceRepo.readableLinks(deps.db, actor, id);
  return {
    ...experienceToDto(row),
    links: links.map((l) => ({
      kind: l.document_id !== null ? ('document' as const) : ('thread' as const),
      id: (l.document_id ?? l.thread_id) as number,
      title: l.title,
      tableName: l.table_name,
    })),
    canEdit: canEditExperience(actor, row),
    canPublish: canPublishExperiences(actor),
  };
}

/** The links of a sheet, each one a document (published) or thread the author may read, or a 400. */
async function cleanLinks(
  deps: ExperienceDeps,
  actor: UserRow,
  input: Pick<ExperienceInput, 'documentIds' | 'threadIds'>,
) {
  const documentIds = [...new Set(input.documentIds ?? [])];
  const threadIds = [...new Set(input.threadIds ?? [])];
  const readable = await experienceRepo.readableTargets(deps.db, actor, documentIds, threadIds);
  const missing = [
    ...documentIds.filter((id) => !readable.documents.has(id)).map((id) => `document ${id}`),
    ...threadIds.filter((id) => !readable.threads.has(id)).map((id) => `thread ${id}`),
  ];
  if (missing.length > 0) {
    throw invalid(
      'invalid_links',
      `documentIds/threadIds: ${missing.join(', ')} cannot be linked (unknown, not published or not readable)`,
    );
  }
  return [...documentIds.map((documentId) => ({ documentId })), ...threadIds.map((threadId) => ({ threadId }))];
}

async function assertEnte(deps: ExperienceDeps, actor: UserRow, enteId: number) {
  if (!(await enteRepo.findById(deps.db, enteId))) throw notFound('ente');
  if (!canWorkForEnte(actor, enteId)) throw forbidden('Participants write the sheets of their own ente');
}

/** A new sheet, in draft: written by the ente's people, tutors, moderators or admins. */
export async function createExperience(
  deps: ExperienceDeps,
  actor: UserRow,
  input: ExperienceInput,
): Promise<ExperienceDetailDto> {
  await assertEnte(deps, actor, input.enteId);
  const content = cleanExperience(input, await vocabularies(deps));
  const links = await cleanLinks(deps, actor, input);
  const id = await experienceRepo.insert(deps.db, { ...content, author_id: actor.id }, links);
  return getExperience(deps, actor, id);
}

/**
 * Changes a sheet: the fields given replace the stored ones (links too, when given). `status`
 * publishes it or takes it back to draft, for moderators and admins only.
 */
export async function updateExperience(
  deps: ExperienceDeps,
  actor: UserRow,
  id: number,
  patch: ExperiencePatch,
): Promise<ExperienceDetailDto> {
  const row = await visibleRow(deps, actor, id);
  if (!canEditExperience(actor, row))
    throw forbidden('Only the author, the ente while it is a draft, and moderators edit this sheet');
  const { status, documentIds, threadIds, ...fields } = patch;
  if (status !== undefined && status !== row.status && !canPublishExperiences(actor)) {
    throw forbidden('Only moderators and admins publish a sheet');
  }
  if (fields.enteId !== undefined && fields.enteId !== row.ente_id) await assertEnte(deps, actor, fields.enteId);
  const content = cleanExperience(
    {
      title: row.title,
      enteId: row.ente_id,
      summary: row.summary,
      programme: row.programme,
      fund: row.fund,
      countries: row.countries,
      partners: row.partners,
      sectors: row.sectors,
      focusArea: row.focus_area,
      dimension: row.dimension,
      yearFrom: row.year_from,
      yearTo: row.year_to,
      budgetEur: row.budget_eur,
      results: row.results,
      lessons: row.lessons,
      ...fields,
    },
    await vocabularies(deps),
  );
  const links =
    documentIds !== undefined || threadIds !== undefined
      ? await cleanLinks(deps, actor, {
          documentIds: documentIds ?? (await currentLinks(deps, id, 'document')),
          threadIds: threadIds ?? (await currentLinks(deps, id, 'thread')),
        })
      : undefined;
  const publication =
    status === undefined || status === row.status
      ? {}
      : status === 'published'
        ? { status, published_at: new Date(), published_by: actor.id }
        : { status, published_at: null, published_by: null };
  await experienceRepo.update(deps.db, id, { ...content, ...publication }, links);
  return getExperience(deps, actor, id);
}

async function currentLinks(deps: ExperienceDeps, id: number, kind: 'document' | 'thread') {
  const links = await experienceRepo.links(deps.db, id);
  return links.flatMap((l) => (kind === 'document' ? (l.document_id ?? []) : (l.thread_id ?? [])));
}

/** What the list's filters offer besides the fixed vocabularies: the funds named so far. */
export async function experienceFilterOptions(deps: ExperienceDeps) {
  return { funds: await experienceRepo.funds(deps.db) };
}
