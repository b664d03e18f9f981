import { sql } from 'kysely';
import type { Executor } from '../../connection.js';
import { tsQuery } from '../../text-search.js';
import { holdsCurrent } from '../consents/consents.js';
import { CV_COLUMNS } from './cvs.js';

export interface DirectoryFilters {
  /** Words in the skills, headline, summary or experiences (Italian and English stemming). */
  text?: string;
  focusArea?: string;
  dimension?: string;
  language?: string;
  country?: string;
  region?: string;
  enteId?: number;
}

/** Keyset position: the directory is in name order, ties broken by id. */
export interface DirectoryCursor {
  name: string;
  id: number;
}

/**
 * People whose CV the directory shows: they have one, their account is active (an erased one is
 * deactivated too), and they hold the current Liberatoria, decided in this very query from their
 * consent records, so a revocation or a new version counts at once.
 */
function listed(db: Executor) {
  return db
    .selectFrom('cvs')
    .innerJoin('users as u', 'u.id', 'cvs.user_id')
    .leftJoin('enti as e', 'e.id', 'u.ente_id')
    .select(CV_COLUMNS)
    .select(['u.display_name', 'u.handle', 'u.role', 'e.id as ente_id', 'e.name as ente_name', 'e.region'])
    .where('u.deactivated_at', 'is', null)
    .where(holdsCurrent('liberatoria', sql.ref('u.id')));
}

const contains = (column: 'cvs.languages' | 'cvs.competences' | 'cvs.experiences', value: unknown) =>
  sql<boolean>`${sql.ref(column)} @> ${JSON.stringify([value])}::jsonb`;

export function list(db: Executor, filters: DirectoryFilters, cursor: DirectoryCursor | undefined, limit: number) {
  let query = listed(db).orderBy('u.display_name').orderBy('u.id').limit(limit);
  if (filters.text !== undefined) {
    query = query.where(sql<boolean>`cvs.search_vector @@ ${tsQuery(filters.text)}`);
  }
  if (filters.language !== undefined) query = query.where(contains('cvs.languages', { code: filters.language }));
  if (filters.country !== undefined) query = query.where(contains('cvs.experiences', { countries: [filters.country] }));
  if (filters.dimension !== undefined)
    query = query.where(contains('cvs.competences', { dimension: filters.dimension }));
  if (filters.focusArea !== undefined)
    query = query.where(contains('cvs.competences', { focusArea: filters.focusArea }));
  if (filters.region !== undefined) query = query.where('e.region', '=', filters.region);
  if (filters.enteId !== undefined) query = query.where('u.ente_id', '=', filters.enteId);
  if (cursor) query = query.where(sql<boolean>`(u.display_name, u.id) > (${cursor.name}, ${cursor.id})`);
  return query.execute();
}

export type DirectoryRow = Awaited<ReturnType<typeof list>>[number];

/** One person as the directory shows them; undefined without a CV or the current Liberatoria. */
export function findListed(db: Executor, userId: number): Promise<DirectoryRow | undefined> {
  return listed(db).where('u.id', '=', userId).executeTakeFirst();
}

/** The regions of the enti, for the directory's filter. */
export async function regions(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('enti')
    .select('region')
    .distinct()
    .where('region', 'is not', null)
    .orderBy('region')
    .execute();
  return rows.map((r) => r.region).filter((r): r is string => r !== null);
}
