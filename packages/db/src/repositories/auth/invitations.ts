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
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}
