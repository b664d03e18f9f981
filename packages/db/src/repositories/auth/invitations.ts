import { sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { InvitationRow, Role } from '../../schema.js';

export function insert(
  db: Executor,
  invitation: {
    email: string;
    role: Role;
    enteId: number | null;
    tableIds: number[];
    tokenHash: string;
    invitedBy: number;
    expiresAt: Date;
  },
): Promise<InvitationRow> {
  return db
    .insertInto('invitations')
    .values({
      email: invitation.email,
      role: invitation.role,
      ente_id: invitation.enteId,
      table_ids: invitation.tableIds,
      token_hash: invitation.tokenHash,
      invited_by: invitation.invitedBy,
      expires_at: invitation.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Marks the invitation used and returns it, only if it was still unused and unexpired. The
 * conditional update makes acceptance single-use even when two requests race.
 */
export function consume(db: Tx, tokenHash: string, now: Date): Promise<InvitationRow | undefined> {
  return db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks the newest pending invitation to an address used and returns it: the provider's sign-in
 * accepts it for a person whose verified email it is, instead of the mailed link.
 */
export function consumePendingTo(db: Tx, email: string, now: Date): Promise<InvitationRow | undefined> {
  return db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where(
      'id',
      '=',
      db
        .selectFrom('invitations')
        .select('id')
        .where(sql<boolean>`lower(email) = lower(${email})`)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('id', 'desc')
        .limit(1),
    )
    .where('accepted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Takes back the pending invitations to an address (before a new one replaces them). */
export async function revokePendingTo(db: Tx, email: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where(sql<boolean>`lower(email) = lower(${email})`)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Takes back one invitation if it is still pending; false when it was used, expired or gone. */
export async function revoke(db: Executor, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The newest invitations first, with who sent them and the ente named. */
export function list(db: Executor, options: { limit: number; beforeId?: number }) {
  let query = db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .leftJoin('enti', 'enti.id', 'invitations.ente_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.role',
      'invitations.expires_at',
      'invitations.accepted_at',
      'invitations.revoked_at',
      'invitations.created_at',
      'users.display_name as invited_by_name',
      'enti.name as ente_name',
    ])
    .orderBy('invitations.id', 'desc')
    .limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('invitations.id', '<', options.beforeId);
  return query.execute();
}
