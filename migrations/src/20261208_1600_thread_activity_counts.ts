import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The home page's unread counts without scanning threads: per table, how many threads open to
// all its readers (not bound to a draft) had their latest activity in each 30-day stretch.
// "Active since the viewer joined" is then a sum of the stretches after the joining one plus the
// threads inside that one stretch. Triggers keep the rows in step with every write to `threads`
// (the api, the seeding scripts, tests writing SQL directly). A reply touches them only when it
// moves its thread into a later stretch, at most once per thread per 30 days.
export async function up(db: Kysely<any>): Promise<void> {
  // Fixed-length stretches counted from the epoch: the same in every time zone. The api repeats
  // the length (ACTIVITY_BUCKET_MS in the threads repository).
  await sql`
    create function thread_activity_bucket(at timestamptz) returns integer
      language sql immutable parallel safe
      return floor(extract(epoch from at) / 2592000)::integer`.execute(db);
  await sql`
    create table thread_activity_counts (
      table_id bigint not null references tables (id) on delete cascade,
      bucket integer not null,
      threads integer not null,
      primary key (table_id, bucket)
    )`.execute(db);
  await sql`
    create function thread_activity_counts_follow() returns trigger language plpgsql as $$
    declare
      gone_table bigint;
      gone_bucket integer;
      came_table bigint;
      came_bucket integer;
    begin
      if tg_op <> 'INSERT' and old.draft_document_id is null then
        gone_table := old.table_id;
        gone_bucket := thread_activity_bucket(old.last_activity_at);
      end if;
      if tg_op <> 'DELETE' and new.draft_document_id is null then
        came_table := new.table_id;
        came_bucket := thread_activity_bucket(new.last_activity_at);
      end if;
      -- Rows are locked in key order, so two threads moving opposite ways cannot deadlock.
      if came_table is not null and (gone_table is null or (came_table, came_bucket) < (gone_table, gone_bucket)) then
        insert into thread_activity_counts (table_id, bucket, threads) values (came_table, came_bucket, 1)
          on conflict (table_id, bucket) do update set threads = thread_activity_counts.threads + 1;
        came_table := null;
      end if;
      if gone_table is not null then
        update thread_activity_counts set threads = threads - 1 where table_id = gone_table and bucket = gone_bucket;
      end if;
      if came_table is not null then
        insert into thread_activity_counts (table_id, bucket, threads) values (came_table, came_bucket, 1)
          on conflict (table_id, bucket) do update set threads = thread_activity_counts.threads + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger thread_activity_counts_insert_delete after insert or delete on threads
      for each row execute function thread_activity_counts_follow()`.execute(db);
  // Most replies keep their thread in the same stretch: the WHEN test spares them the function call.
  await sql`
    create trigger thread_activity_counts_update after update of table_id, last_activity_at, draft_document_id on threads
      for each row
      when ((old.table_id, thread_activity_bucket(old.last_activity_at), old.draft_document_id is null)
            is distinct from (new.table_id, thread_activity_bucket(new.last_activity_at), new.draft_document_id is null))
      execute function thread_activity_counts_follow()`.execute(db);
  // No thread is written while the counts are taken, so none is missed or counted twice.
  await sql`lock table threads in share row exclusive mode`.execute(db);
  await sql`
    insert into thread_activity_counts (table_id, bucket, threads)
    select table_id, thread_activity_bucket(last_activity_at), count(*)
      from threads where draft_document_id is null group by 1, 2`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger thread_activity_counts_update on threads`.execute(db);
  await sql`drop trigger thread_activity_counts_insert_delete on threads`.execute(db);
  await sql`drop function thread_activity_counts_follow()`.execute(db);
  await sql`drop table thread_activity_counts`.execute(db);
  await sql`drop function thread_activity_bucket(timestamptz)`.execute(db);
}
