import { type DirectoryCursor, type DirectoryFilters, directoryRepo, enteRepo, type UserRow } from '@hubspoke/db';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';
import { SEARCH_WORDS_MAX, searchWords } from '../shared/search-words.js';
import { type CvDeps, type CvFileDownload, openStoredCvFile } from './cv.js';
import { type DirectoryEntryDto, directoryEntryToDto } from './dto.js';

export const DIRECTORY_QUERY_MAX = SEARCH_WORDS_MAX;

export interface DirectoryQuery {
  q?: string | undefined;
  focusArea?: string | undefined;
  dimension?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  enteId?: number | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const isCursor = (c: any): c is DirectoryCursor =>
  typeof c?.name === 'string' && c.name.length <= 200 && Number.isSafeInteger(c?.id);

function filtersOf(query: DirectoryQuery): DirectoryFilters {
  const text = searchWords(query.q);
  const region = query.region?.trim();
  return {
    ...(text ? { text } : {}),
    ...(query.focusArea ? { focusArea: query.focusArea } : {}),
    ...(query.dimension ? { dimension: query.dimension } : {}),
    ...(query.language ? { language: query.language.toLowerCase() } : {}),
    ...(query.country ? { country: query.country.toUpperCase() } : {}),
    ...(region ? { region } : {}),
    ...(query.enteId !== undefined ? { enteId: query.enteId } : {}),
  };
}

/**
 * The competence directory: people with a CV who hold the current Liberatoria, in name order,
 * narrowed by words (Italian and English stemming) and by language, country, dimension, focus
 * area, region and ente. For signed-in people; keyset pages.
 */
export async function searchDirectory(
  deps: Pick<Deps, 'db'>,
  _viewer: UserRow,
  query: DirectoryQuery,
): Promise<{ items: DirectoryEntryDto[]; nextCursor: string | null }> {
  const limit = pageSize(query.limit);
  const after = decodeCursor(query.cursor, isCursor);
  const rows = await directoryRepo.list(deps.db, filtersOf(query), after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(directoryEntryToDto),
    nextCursor: rows.length > limit && last ? encodeCursor({ name: last.display_name, id: last.user_id }) : null,
  };
}

/** One person as the directory shows them, or null: no CV, or no current Liberatoria. */
export async function findDirectoryEntry(deps: Pick<Deps, 'db'>, userId: number): Promise<DirectoryEntryDto | null> {
  const row = await directoryRepo.findListed(deps.db, userId);
  return row ? directoryEntryToDto(row) : null;
}

/** The same, as a page of its own: 404 `person_not_found` when the directory does not show them. */
export async function getDirectoryEntry(
  deps: Pick<Deps, 'db'>,
  _viewer: UserRow,
  userId: number,
): Promise<DirectoryEntryDto> {
  const entry = await findDirectoryEntry(deps, userId);
  if (!entry) throw notFound('person');
  return entry;
}

/** A listed person's CV file, for signed-in readers of the directory; 404 like the entry otherwise. */
export async function openDirectoryFile(deps: CvDeps, _viewer: UserRow, userId: number): Promise<CvFileDownload> {
  const row = await directoryRepo.findListed(deps.db, userId);
  if (!row) throw notFound('person');
  return openStoredCvFile(deps, row);
}

/** What the directory's filters offer: the regions and the enti. */
export async function directoryFilterOptions(deps: Pick<Deps, 'db'>) {
  const [regions, enti] = await Promise.all([directoryRepo.regions(deps.db), enteRepo.list(deps.db)]);
  return { regions, enti: enti.map((e) => ({ id: e.id, name: e.name })) };
}
