import type { Executor } from '../../connection.js';
import type { UserRow } from '../../schema.js';

export interface ApiTokenSummary {
  id: number;
  name: string;
  created_at: Date;
  last_used_at: Date | null;
}

export function insert(
  db: Executor,
  token: { userId: number; name: string; tokenHash: string },
): Promise<ApiTokenSummary> {
  return db
    .insertInto('api_tokens')
    .values({ user_id: token.userId, name: token.name, token_hash: token.tokenHash })
    .returning(['id', 'name', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
}

export function listForUser(db: Executor, userId: number): Promise<ApiTokenSummary[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute();
}

/** Resolves an unrevoked token to its user and stamps its last use. */
export async function useToken(db: Executor, tokenHash: string): Promise<UserRow | undefined> {
  const token = await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  if (!token) return undefined;
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', token.user_id)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
}

export async function revoke(db: Executor, id: number, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live token of a user (after a password change or reset). */
export async function revokeAllForUser(db: Executor, userId: number): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
