import { consentRepo, progressRepo, type UserRow, vocabularyRepo } from '@hubspoke/db';
import { isStaff } from '../permissions.js';
import { csvLine, csvText } from '../shared/csv.js';
import { decodeCursor, encodeCursor, MAX_PAGE, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden } from '../shared/errors.js';
import {
  type EnteProgressDto,
  figuresToDto,
  type ProgressPageDto,
  type ProgressView,
  type TableProgressDto,
} from './dto.js';

export interface ProgressQuery {
  view?: ProgressView;
  region?: string;
  cursor?: string;
  limit?: number;
}

type Keyset = { name: string; id: number };
const isKeyset = (v: any): v is Keyset => typeof v?.name === 'string' && Number.isSafeInteger(v?.id);

function assertStaff(actor: UserRow) {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins follow the programme’s progress');
}

/**
 * A page of the programme's progress, per ente or per table: Patto, questionnaires, products,
 * sessions and questions. Moderators see the figures of the tables they may read; admins all.
 */
export async function programmeProgress(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: UserRow,
  query: ProgressQuery,
): Promise<ProgressPageDto> {
  assertStaff(actor);
  const view = query.view ?? 'enti';
  const limit = pageSize(query.limit);
  const after = decodeCursor(query.cursor, isKeyset);
  const filter = { limit: limit + 1, ...(after ? { after } : {}), ...(query.region ? { region: query.region } : {}) };
  const now = deps.clock.now();
  const patto = await consentRepo.currentVersion(deps.db, 'patto');
  const page = <T extends { name: string; id: number }>(rows: T[]) => {
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { rows: rows.slice(0, limit), nextCursor: last ? encodeCursor({ name: last.name, id: last.id }) : null };
  };
  if (view === 'tables') {
    const { rows, nextCursor } = page(await progressRepo.byTable(deps.db, actor, filter, now));
    const tables: TableProgressDto[] = rows.map((r) => ({
      table: { id: r.id, name: r.name, kind: r.kind, enteId: r.ente_id, enteName: r.ente_name, regions: r.regions },
      ...figuresToDto(r),
    }));
    return { view, pattoVersion: patto?.version ?? null, tables, nextCursor };
  }
  const { rows, nextCursor } = page(await progressRepo.byEnte(deps.db, actor, filter, now));
  const enti: EnteProgressDto[] = rows.map((r) => ({
    ente: { id: r.id, name: r.name, kind: r.kind, region: r.region },
    ...figuresToDto(r),
  }));
  return { view, pattoVersion: patto?.version ?? null, enti, nextCursor };
}

const PRODUCT_STAGES = {
  in_progress: ['draft', 'submitted', 'changes_requested'],
  published: ['published'],
} as const;

/** The whole view as a spreadsheet: one row per ente or table, products in two columns per dimension. */
export async function programmeProgressCsv(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: UserRow,
  query: Omit<ProgressQuery, 'cursor' | 'limit'>,
): Promise<string> {
  assertStaff(actor);
  const view = query.view ?? 'enti';
  const dimensions = (await vocabularyRepo.listDimensions(deps.db)).map((d) => d.slug);
  const stages = Object.entries(PRODUCT_STAGES);
  const lines = [
    csvLine([
      ...(view === 'tables' ? ['table_id', 'table', 'kind', 'regions', 'ente'] : ['ente_id', 'ente', 'kind', 'region']),
      'people',
      'patto_signed',
      'surveys_expected',
      'surveys_answered',
      ...dimensions.flatMap((d) => stages.map(([stage]) => `products_${d}_${stage}`)),
      'sessions_held',
      'sessions_coming',
      'attendances',
      'attendances_expected',
      'questions_open',
      'questions_answered',
      'median_first_reply_minutes',
    ]),
  ];
  let cursor: string | undefined;
  do {
    const page = await programmeProgress(deps, actor, {
      ...query,
      view,
      limit: MAX_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    const rows: Array<EnteProgressDto | TableProgressDto> = page.enti ?? page.tables ?? [];
    for (const row of rows) {
      const lead =
        'ente' in row
          ? [row.ente.id, row.ente.name, row.ente.kind, row.ente.region]
          : [row.table.id, row.table.name, row.table.kind, row.table.regions.join('; '), row.table.enteName];
      const products = dimensions.flatMap((d) =>
        stages.map(([, statuses]) =>
          row.products
            .filter((p) => p.dimension === d && (statuses as readonly string[]).includes(p.status))
            .reduce((sum, p) => sum + p.count, 0),
        ),
      );
      lines.push(
        csvLine([
          ...lead,
          row.people,
          row.pattoSigned,
          row.surveys.expected,
          row.surveys.answered,
          ...products,
          row.sessions.held,
          row.sessions.coming,
          row.sessions.attendances,
          row.sessions.attendancesExpected,
          row.questions.open,
          row.questions.answered,
          row.questions.medianFirstReplyMinutes,
        ]),
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return csvText(lines);
}
