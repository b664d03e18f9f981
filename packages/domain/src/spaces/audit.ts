import { auditRepo } from '@hubspoke/db';
import { type Actor, isStaff } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden } from '../shared/errors.js';

const isBefore = (v: any): v is { before: number } => Number.isSafeInteger(v?.before);

/**
 * The audit log, newest first: who did what, when. For moderators and admins, each seeing only
 * the entries about what they may read.
 */
export async function listAudit(deps: Pick<Deps, 'db'>, actor: Actor, page: { cursor?: string; limit?: number }) {
  if (!isStaff(actor)) throw forbidden('Only moderators and admins read the audit log');
  const limit = pageSize(page.limit);
  const cursor = decodeCursor(page.cursor, isBefore);
  const rows = await auditRepo.list(deps.db, actor, {
    limit: limit + 1,
    ...(cursor ? { beforeId: cursor.before } : {}),
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map((r) => ({
      id: r.id,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      data: r.data,
      createdAt: r.created_at.toISOString(),
      actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.actor_name ?? '' },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
  };
}
