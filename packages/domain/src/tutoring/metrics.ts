import { conversationRepo, tableRepo, tutoringRepo } from '@hubspoke/db';
import { type Actor, isAdmin } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid } from '../shared/errors.js';
import { workingMsBetween } from './working-time.js';

/** The value below which `p` of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
}

type Row = Awaited<ReturnType<typeof tutoringRepo.questionsBetween>>[number];
type Timed = Pick<Row, 'created_at' | 'first_tutor_reply_at' | 'resolved_at' | 'question_status'>;

function summarise(rows: Timed[], hours: (from: Date, to: Date) => number) {
  const firstReply = rows
    .flatMap((r) => (r.first_tutor_reply_at ? [hours(r.created_at, r.first_tutor_reply_at)] : []))
    .sort((a, b) => a - b);
  const resolution = rows
    .flatMap((r) => (r.resolved_at ? [hours(r.created_at, r.resolved_at)] : []))
    .sort((a, b) => a - b);
  const count = (s: string) => rows.filter((r) => r.question_status === s).length;
  return {
    questions: rows.length,
    open: count('open'),
    answered: count('answered'),
    resolved: count('resolved'),
    firstReplyHours: { median: percentile(firstReply, 0.5), p90: percentile(firstReply, 0.9) },
    resolutionHours: { median: percentile(resolution, 0.5), p90: percentile(resolution, 0.9) },
  };
}

function groupBy(rows: Row[], key: (r: Row) => string | null) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return groups;
}

/**
 * Response times for questions asked in [from, to): median and 90th percentile of the time to
 * the first tutor reply and to resolution (working hours when so configured), and counts — in
 * total and by tutor, table and focus area. Admins see everything, moderators their tables,
 * tutors their own questions.
 */
export async function tutoringMetrics(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor,
  range: { from: Date; to: Date },
) {
  if (!(range.from < range.to)) throw invalid('invalid_range', '`from` must be before `to`');
  if (actor.role === 'participant') throw forbidden('Metrics are for tutors, moderators and admins');
  const scope = isAdmin(actor)
    ? {}
    : actor.role === 'moderator'
      ? { tableIds: (await tableRepo.listVisible(deps.db, actor)).filter((t) => t.is_member).map((t) => t.id) }
      : { tutorId: actor.id };
  // Questions asked privately count too, when the asker marked them so: for admins all of them,
  // for a tutor those they are in; moderators do not read private conversations.
  const [rows, asked] = await Promise.all([
    tutoringRepo.questionsBetween(deps.db, range.from, range.to, scope),
    actor.role === 'moderator'
      ? []
      : conversationRepo.questionsBetween(deps.db, range.from, range.to, isAdmin(actor) ? {} : { tutorId: actor.id }),
  ]);
  const privateRows: Timed[] = asked.map((q) => ({
    created_at: q.created_at,
    first_tutor_reply_at: q.first_tutor_reply_at,
    resolved_at: null,
    question_status: q.first_tutor_reply_at ? 'answered' : 'open',
  }));
  const hours = (a: Date, b: Date) => Math.round(workingMsBetween(a, b, deps.config.tutoring) / 36_000) / 100;
  const by = <L extends object>(key: (r: Row) => string | null, label: (rows: Row[]) => L) =>
    [...groupBy(rows, key)].map(([, group]) => ({ ...label(group), ...summarise(group, hours) }));
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    workingHours: deps.config.tutoring.workingDaysOnly,
    total: summarise(rows, hours),
    privateQuestions: summarise(privateRows, hours),
    byTutor: by(
      (r) => (r.assigned_tutor_id === null ? null : String(r.assigned_tutor_id)),
      (g) => ({ tutorId: g[0]?.assigned_tutor_id ?? 0, name: g[0]?.tutor_name ?? '' }),
    ),
    byTable: by(
      (r) => String(r.table_id),
      (g) => ({ tableId: g[0]?.table_id ?? 0, name: g[0]?.table_name ?? '' }),
    ),
    byFocusArea: by(
      (r) => r.focus_area,
      (g) => ({ focusArea: g[0]?.focus_area ?? '' }),
    ),
  };
}
