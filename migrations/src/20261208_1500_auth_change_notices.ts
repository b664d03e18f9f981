import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Api processes keep validated sessions in memory; every change that could alter what a session
// lets its holder do (the person's row, or the session's removal) is announced on commit, from
// whichever process or tool made it, so every cache drops it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function announce_auth_change() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'users' then
        perform pg_notify('hubspoke_auth_changes', 'u:' || old.id);
      else
        perform pg_notify('hubspoke_auth_changes', 's:' || old.id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger users_announce_change after update or delete on users
    for each row execute function announce_auth_change()`.execute(db);
  await sql`
    create trigger sessions_announce_removal after delete on sessions
    for each row execute function announce_auth_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger sessions_announce_removal on sessions`.execute(db);
  await sql`drop trigger users_announce_change on users`.execute(db);
  await sql`drop function announce_auth_change()`.execute(db);
}
