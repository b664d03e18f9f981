import { type CountRow, type Locale, surveyRepo, surveyResultsRepo, type UserRow } from '@hubspoke/db';
import { isStaff } from '../permissions.js';
import { csvLine, csvText } from '../shared/csv.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, notFound } from '../shared/errors.js';
import { type Answers, type Question, type ResultsDto, surveyStatus, surveyToDto } from './dto.js';
import { answerText, resultOptions } from './validate.js';

/** How many "Altro" texts the results list at most. */
export const OTHER_TEXTS_SHOWN = 500;

/**
 * Who sees the results: moderators and admins at any time; those the survey is for once it has
 * closed (403 before); anyone else 404, as if it did not exist.
 */
async function readableSurvey(deps: Pick<Deps, 'db' | 'clock'>, viewer: UserRow, id: number) {
  const staff = isStaff(viewer);
  const row = await surveyRepo.findFor(deps.db, viewer, id, staff);
  const now = deps.clock.now();
  if (!row || (!staff && row.opens_at > now)) throw notFound('survey');
  if (!staff && surveyStatus(row, now) !== 'closed')
    throw forbidden('The results are shown to respondents once the survey has closed');
  return { row, now, staff };
}

function countsBy(rows: readonly CountRow[]) {
  const map = new Map<string, Map<string, { answered: number; counts: Record<string, number> }>>();
  for (const r of rows) {
    const group = r.group_key ?? '';
    const byQuestion = map.get(r.question_key) ?? new Map();
    map.set(r.question_key, byQuestion);
    const entry = byQuestion.get(group) ?? { answered: 0, counts: {} };
    byQuestion.set(group, entry);
    if (r.option_key === null) entry.answered = r.count;
    else entry.counts[r.option_key] = r.count;
  }
  return map;
}

export async function surveyResults(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: UserRow,
  id: number,
): Promise<ResultsDto> {
  const { row, now } = await readableSurvey(deps, viewer, id);
  const [tables, overall, byTable, byRegion, bases, numbers, others, rate] = await Promise.all([
    surveyRepo.tablesOf(deps.db, id),
    surveyResultsRepo.overallCounts(deps.db, id),
    surveyResultsRepo.countsByTable(deps.db, id),
    surveyResultsRepo.countsByRegion(deps.db, id),
    surveyResultsRepo.respondentsByGroup(deps.db, id),
    surveyResultsRepo.numberStats(deps.db, id),
    surveyResultsRepo.otherTexts(deps.db, id, OTHER_TEXTS_SHOWN),
    surveyResultsRepo.responseRate(deps.db, id, row.respondent),
  ]);
  const all = countsBy(overall);
  const tableCounts = countsBy(byTable);
  const regionCounts = countsBy(byRegion);
  const stats = new Map(numbers.map((n) => [n.question_key, n]));
  const tableBase = new Map(bases.filter((b) => b.dimension === 'table').map((b) => [Number(b.group_key), b.count]));
  const regions = bases
    .filter((b) => b.dimension === 'region')
    .map((b) => ({ region: b.group_key, respondents: b.count }))
    .sort((a, b) => a.region.localeCompare(b.region, 'it'));
  const questions = (row.questions as Question[]).map((q) => {
    const mine = all.get(q.key)?.get('') ?? { answered: 0, counts: {} };
    const n = stats.get(q.key);
    return {
      key: q.key,
      type: q.type,
      label: q.label,
      answered: mine.answered,
      options: resultOptions(q).map((o) => ({ key: o.key, label: o.label, count: mine.counts[o.key] ?? 0 })),
      byTable: [...(tableCounts.get(q.key) ?? new Map())].map(([group, entry]) => ({
        tableId: Number(group),
        ...entry,
      })),
      byRegion: [...(regionCounts.get(q.key) ?? new Map())].map(([group, entry]) => ({ region: group, ...entry })),
      others: others.filter((o) => o.question_key === q.key).map((o) => ({ option: o.option_key, text: o.text })),
      numbers:
        q.type === 'number' || q.type === 'scale'
          ? { count: n?.count ?? 0, min: n?.min ?? null, max: n?.max ?? null, mean: n?.mean ?? null }
          : null,
    };
  });
  return {
    survey: surveyToDto(row, tables, now),
    responseRate: { ...rate, rate: rate.expected > 0 ? rate.answered / rate.expected : null },
    tables: tables.map((t) => ({ ...t, respondents: tableBase.get(t.id) ?? 0 })),
    regions,
    questions,
  };
}

/** The counts as a spreadsheet: overall, by table and by region, one row per question and option. */
export async function surveyCountsCsv(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: UserRow,
  id: number,
  locale: Locale,
): Promise<string> {
  const results = await surveyResults(deps, viewer, id);
  const tableNames = new Map(results.survey.tables.map((t) => [t.id, t.name]));
  const lines = [
    csvLine(['question', 'question_label', 'option', 'option_label', 'group_by', 'group', 'count', 'answered']),
  ];
  for (const q of results.questions) {
    if (q.options.length === 0) {
      lines.push(csvLine([q.key, q.label[locale], '', '', 'all', '', '', q.answered]));
      continue;
    }
    for (const o of q.options)
      lines.push(csvLine([q.key, q.label[locale], o.key, o.label[locale], 'all', '', o.count, q.answered]));
    for (const t of q.byTable) {
      for (const o of q.options) {
        lines.push(
          csvLine([
            q.key,
            q.label[locale],
            o.key,
            o.label[locale],
            'table',
            tableNames.get(t.tableId) ?? t.tableId,
            t.counts[o.key] ?? 0,
            t.answered,
          ]),
        );
      }
    }
    for (const r of q.byRegion) {
      for (const o of q.options) {
        lines.push(
          csvLine([
            q.key,
            q.label[locale],
            o.key,
            o.label[locale],
            'region',
            r.region,
            r.counts[o.key] ?? 0,
            r.answered,
          ]),
        );
      }
    }
  }
  return csvText(lines);
}

/** The answers as a spreadsheet, one row per submitted response, read a page at a time. Staff only. */
export async function surveyAnswersCsv(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: UserRow,
  id: number,
  locale: Locale,
): Promise<string> {
  const { row } = await readableSurvey(deps, viewer, id);
  if (!isStaff(viewer)) throw forbidden('Only moderators and admins export the answers');
  const questions = row.questions as Question[];
  const lines = [
    csvLine([
      'response_id',
      'respondent',
      'ente',
      'region',
      'submitted_at',
      'updated_at',
      'updated_by',
      ...questions.map((q) => q.key),
    ]),
  ];
  const PAGE = 500;
  let after = 0;
  for (;;) {
    const page = await surveyResultsRepo.responsesPage(deps.db, id, after, PAGE);
    for (const r of page) {
      lines.push(
        csvLine([
          r.id,
          row.respondent === 'person' ? r.respondent_name : '',
          r.ente_name,
          r.region,
          r.submitted_at?.toISOString() ?? '',
          r.updated_at.toISOString(),
          r.updated_by_name,
          ...questions.map((q) => answerText(q, (r.answers as Answers)[q.key])?.[locale] ?? ''),
        ]),
      );
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.id ?? after;
  }
  return csvText(lines);
}
