import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// Who takes part in a table: its members, and the tutors in its pool. A pool place lets a tutor
// read and answer the table's questions exactly as membership would, and losing it takes that
// away everywhere, because every permission check reads this one relation.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create view table_participants (table_id, user_id) as
              select table_id, user_id from table_members
              union all
              select p.table_id, p.tutor_id from tutor_pools p
              join users u on u.id = p.tutor_id and u.role = 'tutor'
              where p.table_id is not null`.execute(db);
  await sql`create index tutor_pools_table_tutor_idx on tutor_pools (table_id, tutor_id) where table_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop view table_participants`.execute(db);
  await sql`drop index tutor_pools_table_tutor_idx`.execute(db);
}
