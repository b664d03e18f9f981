import type { Executor } from '../connection.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  data?: Record<string, unknown>;
}

export async function record(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}

export function list(db: Executor, options: { limit: number; beforeId?: number }) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.data',
      'audit_log.created_at',
      'audit_log.actor_id',
      'users.display_name as actor_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('audit_log.id', '<', options.beforeId);
  return query.execute();
}
