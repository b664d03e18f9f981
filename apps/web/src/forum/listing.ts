import type { ThreadKind, UserRow } from '@hubspoke/db';
import { type Deps, type ListThreadsInput, listFocusAreas, listThreads } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { idParam } from '../respond.js';

export const THREAD_KINDS: readonly ThreadKind[] = ['discussion', 'question', 'announcement'];
export const isThreadKind = (value: string): value is ThreadKind => (THREAD_KINDS as readonly string[]).includes(value);

/** The filters of a thread list, as the query string carries them (Italian names, like the paths). */
export interface ListingQuery {
  area?: string;
  tipo?: string;
  tavolo?: string;
  nuove?: string;
  cursore?: string;
}

/** The filters actually applied: unknown values are dropped rather than refused. */
export interface Listing {
  focusArea?: string;
  kind?: ThreadKind;
  tableId?: number;
  onlyNew: boolean;
  cursor?: string;
}

export function readListing(query: ListingQuery, focusSlugs: readonly string[]): Listing {
  const tableId = idParam(query.tavolo ?? '');
  return {
    ...(query.area && focusSlugs.includes(query.area) ? { focusArea: query.area } : {}),
    ...(query.tipo && isThreadKind(query.tipo) ? { kind: query.tipo } : {}),
    ...(tableId ? { tableId } : {}),
    onlyNew: query.nuove === '1',
    ...(query.cursore ? { cursor: query.cursore } : {}),
  };
}

/** The address of the same list with other filters or another page. */
export function listingHref(path: string, listing: Listing, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (listing.focusArea) params.set('area', listing.focusArea);
  if (listing.kind) params.set('tipo', listing.kind);
  if (listing.tableId) params.set('tavolo', String(listing.tableId));
  if (listing.onlyNew) params.set('nuove', '1');
  if (cursor) params.set('cursore', cursor);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** One page of threads for a listing. */
export function loadListing(deps: Deps, user: UserRow, listing: Listing) {
  const input: ListThreadsInput = {
    ...(listing.focusArea ? { focusArea: listing.focusArea } : {}),
    ...(listing.kind ? { kind: listing.kind } : {}),
    ...(listing.tableId ? { tableId: listing.tableId } : {}),
    ...(listing.onlyNew ? { newSinceLastVisit: true } : {}),
    ...(listing.cursor ? { cursor: listing.cursor } : {}),
  };
  return listThreads(deps, user, input);
}

/** Focus areas by slug, in the reader's language. */
export async function focusAreaNames(deps: Deps, ctx: PageContext): Promise<Map<string, string>> {
  const areas = await listFocusAreas(deps);
  return new Map(areas.map((a) => [a.slug, ctx.locale === 'en' ? a.name_en : a.name_it]));
}
