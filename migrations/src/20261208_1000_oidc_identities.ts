import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Who a person is at the organisation's OpenID Connect provider: the provider's (issuer, subject)
// pair stays the same when the email changes there, so later sign-ins find the account by it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table oidc_identities (
      issuer text not null,
      subject text not null,
      user_id bigint not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_login_at timestamptz not null default now(),
      primary key (issuer, subject)
    )`.execute(db);
  await sql`create index oidc_identities_user_idx on oidc_identities (user_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table oidc_identities`.execute(db);
}
