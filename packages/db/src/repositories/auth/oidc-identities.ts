import type { Executor } from '../../connection.js';
import type { UserRow } from '../../schema.js';

/** The account linked to the provider's (issuer, subject) pair; erased accounts are no one's. */
export async function findUser(db: Executor, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('oidc_identities')
    .innerJoin('users', 'users.id', 'oidc_identities.user_id')
    .selectAll('users')
    .where('oidc_identities.issuer', '=', issuer)
    .where('oidc_identities.subject', '=', subject)
    .where('users.erased_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Links the pair to the account. When two first sign-ins race, the first link stands and the
 * second changes nothing; false then, so the caller can look again.
 */
export async function link(
  db: Executor,
  identity: { issuer: string; subject: string; userId: number; at: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('oidc_identities')
    .values({
      issuer: identity.issuer,
      subject: identity.subject,
      user_id: identity.userId,
      created_at: identity.at,
      last_login_at: identity.at,
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function touch(db: Executor, issuer: string, subject: string, at: Date): Promise<void> {
  await db
    .updateTable('oidc_identities')
    .set({ last_login_at: at })
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .execute();
}

/** The pairs linked to an account (for its personal data and for admins). */
export function listForUser(db: Executor, userId: number) {
  return db
    .selectFrom('oidc_identities')
    .select(['issuer', 'subject', 'created_at', 'last_login_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}
