import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../connection.js';
import type { DB, ExperienceStatus, ExperiencesTable } from '../../schema.js';
import { tsQuery, tsVector } from '../../text-search.js';
import { tableVisibleTo, type Viewer } from '../spaces/tables.js';

/** Who may see drafts: everyone's (tutors, moderators, admins), one ente's (its members), or none. */
export type DraftScope = { all: true } | { enteId: number | null };

export interface ExperienceFilters {
  text?: string;
  focusArea?: string;
  country?: string;
  sector?: string;
  /** Compared without case. */
  fund?: string;
  enteId?: number;
  /** Experiences running in that year (from `year_from` to `year_to`, or that year alone). */
  year?: number;
  status?: ExperienceStatus;
}

export type ExperienceContent = Omit<
  Insertable<ExperiencesTable>,
  'id' | 'search_vector' | 'status' | 'published_at' | 'published_by' | 'created_at' | 'updated_at'
>;

export interface ExperienceLink {
  documentId?: number;
  threadId?: number;
}

/** The words full-text search finds an experience by. */
function searchText(e: Partial<ExperienceContent>) {
  return [e.title, e.summary, e.programme, e.fund, ...(e.partners ?? []), e.results, e.lessons]
    .filter(Boolean)
    .join('\n');
}

const COLUMNS = [
  'x.id',
  'x.ente_id',
  'x.author_id',
  'x.status',
  'x.title',
  'x.summary',
  'x.programme',
  'x.fund',
  'x.countries',
  'x.partners',
  'x.sectors',
  'x.focus_area',
  'x.dimension',
  'x.year_from',
  'x.year_to',
  'x.budget_eur',
  'x.results',
  'x.lessons',
  'x.published_at',
  'x.created_at',
  'x.updated_at',
  'e.name as ente_name',
  'e.region as ente_region',
  'u.display_name as author_name',
] as const;

function visible(scope: DraftScope) {
  return (eb: ExpressionBuilder<DB & { x: ExperiencesTable }, 'x'>) => {
    if ('all' in scope) return eb.lit(true);
    const published = eb('x.status', '=', 'published');
    return scope.enteId === null ? published : eb.or([published, eb('x.ente_id', '=', scope.enteId)]);
  };
}

function selectExperiences(db: Executor, scope: DraftScope) {
  return db
    .selectFrom('experiences as x')
    .innerJoin('enti as e', 'e.id', 'x.ente_id')
    .leftJoin('users as u', 'u.id', 'x.author_id')
    .select(COLUMNS)
    .where(visible(scope));
}

export type ExperienceListRow = Awaited<ReturnType<typeof list>>[number];

/** Newest first (by id); `beforeId` is the keyset position. */
export function list(
  db: Executor,
  scope: DraftScope,
  filters: ExperienceFilters,
  beforeId: number | undefined,
  limit: number,
) {
  let query = selectExperiences(db, scope).orderBy('x.id', 'desc').limit(limit);
  if (filters.text !== undefined) query = query.where(sql<boolean>`x.search_vector @@ ${tsQuery(filters.text)}`);
  if (filters.focusArea !== undefined) query = query.where('x.focus_area', '=', filters.focusArea);
  if (filters.country !== undefined)
    query = query.where(sql<boolean>`x.countries @> array[${filters.country}]::text[]`);
  if (filters.sector !== undefined) query = query.where(sql<boolean>`x.sectors @> array[${filters.sector}]::text[]`);
  if (filters.fund !== undefined) query = query.where(sql<boolean>`lower(x.fund) = lower(${filters.fund})`);
  if (filters.enteId !== undefined) query = query.where('x.ente_id', '=', filters.enteId);
  if (filters.year !== undefined) {
    query = query
      .where('x.year_from', '<=', filters.year)
      .where(sql<boolean>`coalesce(x.year_to, x.year_from) >= ${filters.year}`);
  }
  if (filters.status !== undefined) query = query.where('x.status', '=', filters.status);
  if (beforeId !== undefined) query = query.where('x.id', '<', beforeId);
  return query.execute();
}

export function find(db: Executor, scope: DraftScope, id: number) {
  return selectExperiences(db, scope).where('x.id', '=', id).executeTakeFirst();
}

export async function insert(db: Executor, content: ExperienceContent, links: readonly ExperienceLink[]) {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('experiences')
      .values({ ...content, search_vector: tsVector(searchText(content)) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLinks(tx, row.id, links);
    return row.id;
  });
}

/** Changes the given fields (and the links when given); false when there is no such experience. */
export async function update(
  db: Executor,
  id: number,
  changes: Updateable<ExperiencesTable>,
  links: readonly ExperienceLink[] | undefined,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('experiences')
      .set({ ...changes, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) return false;
    await tx
      .updateTable('experiences')
      .set({ search_vector: tsVector(searchText(row)) })
      .where('id', '=', id)
      .execute();
    if (links) {
      await tx.deleteFrom('experience_links').where('experience_id', '=', id).execute();
      await writeLinks(tx, id, links);
    }
    return true;
  });
}

async function writeLinks(db: Executor, experienceId: number, links: readonly ExperienceLink[]) {
  if (links.length === 0) return;
  await db
    .insertInto('experience_links')
    .values(
      links.map((link, position) => ({
        experience_id: experienceId,
        position,
        document_id: link.documentId ?? null,
        thread_id: link.threadId ?? null,
      })),
    )
    .execute();
}

/**
 * The documents and threads an experience points at that this viewer may read: threads of tables
 * they may read, documents of those tables once published. In the author's order.
 */
export function readableLinks(db: Executor, viewer: Viewer, experienceId: number) {
  return db
    .selectFrom('experience_links as l')
    .leftJoin('documents as d', (join) => join.onRef('d.id', '=', 'l.document_id').on('d.status', '=', 'published'))
    .leftJoin('threads as t', 't.id', 'l.thread_id')
    .innerJoin('tables', (join) => join.on(sql<boolean>`tables.id = coalesce(d.table_id, t.table_id)`))
    .select([
      'l.document_id',
      'l.thread_id',
      sql<string>`coalesce(d.title, t.title)`.as('title'),
      'tables.name as table_name',
    ])
    .where('l.experience_id', '=', experienceId)
    .where(tableVisibleTo(viewer))
    .orderBy('l.position')
    .execute();
}

/** Of these document and thread ids, those the viewer may read (documents: published ones). */
export async function readableTargets(db: Executor, viewer: Viewer, documentIds: number[], threadIds: number[]) {
  const [documents, threads] = await Promise.all([
    documentIds.length === 0
      ? []
      : db
          .selectFrom('documents')
          .innerJoin('tables', 'tables.id', 'documents.table_id')
          .select('documents.id')
          .where('documents.id', 'in', documentIds)
          .where('documents.status', '=', 'published')
          .where(tableVisibleTo(viewer))
          .execute(),
    threadIds.length === 0
      ? []
      : db
          .selectFrom('threads')
          .innerJoin('tables', 'tables.id', 'threads.table_id')
          .select('threads.id')
          .where('threads.id', 'in', threadIds)
          .where(tableVisibleTo(viewer))
          .execute(),
  ]);
  return { documents: new Set(documents.map((d) => d.id)), threads: new Set(threads.map((t) => t.id)) };
}

/** The funds named so far, for the list's filter. */
export async function funds(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('experiences')
    .select('fund')
    .distinct()
    .where('fund', 'is not', null)
    .where('status', '=', 'published')
    .orderBy('fund')
    .execute();
  return rows.map((r) => r.fund).filter((f): f is string => f !== null);
}

/** Every link of an experience, readable or not, in order. */
export function links(db: Executor, experienceId: number) {
  return db
    .selectFrom('experience_links')
    .select(['document_id', 'thread_id'])
    .where('experience_id', '=', experienceId)
    .orderBy('position')
    .execute();
}
