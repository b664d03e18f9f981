import { readingRepo, type WatchLevel } from '@hubspoke/db';
import type { Deps } from '@hubspoke/domain';

/**
 * The reader's own watch levels for tables and focus areas, to preselect the "follow" control.
 * The domain sets these levels but has no reader for them; this reads only the viewer's own rows
 * (threads carry their level in the thread itself).
 */
export async function followedLevels(deps: Deps, userId: number) {
  const levels = await readingRepo.levelsOf(deps.db, userId);
  const tables = new Map(levels.tables.map((row) => [row.table_id, row.level]));
  const areas = new Map(levels.focusAreas.map((row) => [row.focus_area, row.level]));
  return {
    table: (id: number): WatchLevel => tables.get(id) ?? 'normal',
    focusArea: (slug: string): WatchLevel => areas.get(slug) ?? 'normal',
  };
}
