import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Focus-area rooms are open to everyone signed in. Thread events of tables open to members only
// were once stored with their focus room too, and would be replayed there; they lose it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update events e
    set rooms = array(select r from unnest(e.rooms) r where r not like 'focus:%')
    where e.name in ('thread.created', 'thread.updated')
      and exists (
        select 1 from tables t
        where t.id = coalesce((e.data -> 'thread' ->> 'tableId')::bigint, (e.data ->> 'tableId')::bigint)
          and t.visibility <> 'participants'
      )`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to restore: the rooms removed were never meant to hold these events.
}
