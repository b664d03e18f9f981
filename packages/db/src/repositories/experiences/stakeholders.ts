import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../connection.js';
import type { StakeholderKind, StakeholdersTable } from '../../schema.js';
import { tsQuery, tsVector } from '../../text-search.js';

export interface StakeholderFilters {
  text?: string;
  kind?: StakeholderKind;
  region?: string;
  sector?: string;
  country?: string;
  enteId?: number;
}

/** Keyset position: stakeholders are in name order, ties broken by id. */
export interface StakeholderCursor {
  name: string;
  id: number;
}

export type StakeholderContent = Omit<
  Insertable<StakeholdersTable>,
  'id' | 'search_vector' | 'created_at' | 'updated_at'
>;

const searchText = (s: Pick<StakeholderContent, 'name' | 'region' | 'notes'>) =>
  [s.name, s.region, s.notes].filter(Boolean).join('\n');

function selectStakeholders(db: Executor) {
  return db
    .selectFrom('stakeholders as s')
    .innerJoin('enti as e', 'e.id', 's.ente_id')
    .select([
      's.id',
      's.ente_id',
      's.created_by',
      's.name',
      's.kind',
      's.region',
      's.sectors',
      's.countries',
      's.website',
      's.email',
      's.notes',
      's.created_at',
      's.updated_at',
      'e.name as ente_name',
    ]);
}

export type StakeholderListRow = Awaited<ReturnType<typeof list>>[number];

export function list(db: Executor, filters: StakeholderFilters, after: StakeholderCursor | undefined, limit: number) {
  let query = selectStakeholders(db).orderBy('s.name').orderBy('s.id').limit(limit);
  if (filters.text !== undefined) query = query.where(sql<boolean>`s.search_vector @@ ${tsQuery(filters.text)}`);
  if (filters.kind !== undefined) query = query.where('s.kind', '=', filters.kind);
  if (filters.region !== undefined) query = query.where('s.region', '=', filters.region);
  if (filters.sector !== undefined) query = query.where(sql<boolean>`s.sectors @> array[${filters.sector}]::text[]`);
  if (filters.country !== undefined)
    query = query.where(sql<boolean>`s.countries @> array[${filters.country}]::text[]`);
  if (filters.enteId !== undefined) query = query.where('s.ente_id', '=', filters.enteId);
  if (after) query = query.where(sql<boolean>`(s.name, s.id) > (${after.name}, ${after.id})`);
  return query.execute();
}

export function find(db: Executor, id: number) {
  return selectStakeholders(db).where('s.id', '=', id).executeTakeFirst();
}

export async function insert(db: Executor, content: StakeholderContent): Promise<number> {
  const row = await db
    .insertInto('stakeholders')
    .values({ ...content, search_vector: tsVector(searchText(content)) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces the editable fields; false when there is no such stakeholder. */
export async function update(
  db: Executor,
  id: number,
  changes: Updateable<StakeholdersTable> & Pick<StakeholderContent, 'name' | 'region' | 'notes'>,
): Promise<boolean> {
  const result = await db
    .updateTable('stakeholders')
    .set({ ...changes, search_vector: tsVector(searchText(changes)), updated_at: sql`now()` })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function remove(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('stakeholders').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The regions stakeholders are in, for the list's filter. */
export async function regions(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('stakeholders').select('region').distinct().orderBy('region').execute();
  return rows.map((r) => r.region);
}
