import { enteRepo, type StakeholderCursor, type StakeholderFilters, stakeholderRepo, type UserRow } from '@hubspoke/db';
import { canKeepStakeholders } from '../permissions.js';
import { csvLine, csvText } from '../shared/csv.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, notFound } from '../shared/errors.js';
import { searchWords } from '../shared/search-words.js';
import { STAKEHOLDER_KINDS, type StakeholderDto, type StakeholderInput, stakeholderToDto } from './dto.js';
import { cleanStakeholder } from './validate.js';

type StakeholderDeps = Pick<Deps, 'db'>;

const STAKEHOLDER_CSV_MAX = 10_000;

export interface StakeholderQuery {
  q?: string | undefined;
  kind?: string | undefined;
  region?: string | undefined;
  sector?: string | undefined;
  country?: string | undefined;
  enteId?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

function filtersOf(query: StakeholderQuery): StakeholderFilters {
  const text = searchWords(query.q);
  const region = query.region?.trim();
  const kind = STAKEHOLDER_KINDS.find((k) => k === query.kind);
  return {
    ...(text ? { text } : {}),
    ...(kind ? { kind } : {}),
    ...(region ? { region } : {}),
    ...(query.sector ? { sector: query.sector } : {}),
    ...(query.country ? { country: query.country.trim().toUpperCase() } : {}),
    ...(query.enteId !== undefined ? { enteId: query.enteId } : {}),
  };
}

const isCursor = (c: any): c is StakeholderCursor =>
  typeof c?.name === 'string' && c.name.length <= 200 && Number.isSafeInteger(c?.id);

/** The territorial stakeholders every ente keeps, in name order, for every signed-in person. */
export async function listStakeholders(
  deps: StakeholderDeps,
  actor: UserRow,
  query: StakeholderQuery,
): Promise<{ items: StakeholderDto[]; nextCursor: string | null }> {
  const limit = pageSize(query.limit);
  const rows = await stakeholderRepo.list(deps.db, filtersOf(query), decodeCursor(query.cursor, isCursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => stakeholderToDto(r, canKeepStakeholders(actor, r.ente_id))),
    nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export async function stakeholdersCsv(deps: StakeholderDeps, _actor: UserRow, query: StakeholderQuery) {
  const rows = await stakeholderRepo.list(deps.db, filtersOf(query), undefined, STAKEHOLDER_CSV_MAX);
  return csvText([
    csvLine(['id', 'name', 'kind', 'region', 'sectors', 'countries', 'website', 'email', 'notes', 'ente']),
    ...rows.map((r) =>
      csvLine([
        r.id,
        r.name,
        r.kind,
        r.region,
        r.sectors.join('; '),
        r.countries.join('; '),
        r.website,
        r.email,
        r.notes,
        r.ente_name,
      ]),
    ),
  ]);
}

export async function getStakeholder(deps: StakeholderDeps, actor: UserRow, id: number): Promise<StakeholderDto> {
  const row = await stakeholderRepo.find(deps.db, id);
  if (!row) throw notFound('stakeholder');
  return stakeholderToDto(row, canKeepStakeholders(actor, row.ente_id));
}

async function assertKeeper(deps: StakeholderDeps, actor: UserRow, enteId: number) {
  if (!(await enteRepo.findById(deps.db, enteId))) throw notFound('ente');
  if (!canKeepStakeholders(actor, enteId)) throw forbidden('Each ente keeps its own stakeholders');
}

export async function createStakeholder(deps: StakeholderDeps, actor: UserRow, input: StakeholderInput) {
  const content = cleanStakeholder(input);
  await assertKeeper(deps, actor, input.enteId);
  const id = await stakeholderRepo.insert(deps.db, { ...content, created_by: actor.id });
  return getStakeholder(deps, actor, id);
}

/** Changes the fields given; the ente's people (and tutors, moderators, admins) keep its entries. */
export async function updateStakeholder(
  deps: StakeholderDeps,
  actor: UserRow,
  id: number,
  patch: Partial<StakeholderInput>,
): Promise<StakeholderDto> {
  const row = await stakeholderRepo.find(deps.db, id);
  if (!row) throw notFound('stakeholder');
  await assertKeeper(deps, actor, row.ente_id);
  const content = cleanStakeholder({
    name: row.name,
    kind: row.kind,
    region: row.region,
    sectors: row.sectors,
    countries: row.countries,
    website: row.website,
    email: row.email,
    notes: row.notes,
    enteId: row.ente_id,
    ...patch,
  });
  if (content.ente_id !== row.ente_id) await assertKeeper(deps, actor, content.ente_id);
  await stakeholderRepo.update(deps.db, id, content);
  return getStakeholder(deps, actor, id);
}

export async function deleteStakeholder(deps: StakeholderDeps, actor: UserRow, id: number): Promise<void> {
  const row = await stakeholderRepo.find(deps.db, id);
  if (!row) throw notFound('stakeholder');
  await assertKeeper(deps, actor, row.ente_id);
  await stakeholderRepo.remove(deps.db, id);
}

/** What the list's filters offer besides the fixed vocabularies: the regions entered so far. */
export async function stakeholderRegions(deps: StakeholderDeps) {
  return stakeholderRepo.regions(deps.db);
}
