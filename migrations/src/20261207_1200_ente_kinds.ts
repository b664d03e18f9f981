import { type Kysely, sql } from 'kysely';

// Frozen once landed: a later change gets a new migration. Never import app code here.
// The programme's kinds of ente: metropolitan cities are their own kind, and "other" is `altro`,
// as the programme's contract names them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table enti drop constraint enti_kind_check`.execute(db);
  await sql`update enti set kind = 'altro' where kind = 'other'`.execute(db);
  await sql`alter table enti add constraint enti_kind_check
    check (kind in ('comune', 'provincia', 'citta_metropolitana', 'regione', 'altro'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table enti drop constraint enti_kind_check`.execute(db);
  await sql`update enti set kind = case kind when 'altro' then 'other' when 'citta_metropolitana' then 'provincia' else kind end`.execute(
    db,
  );
  await sql`alter table enti add constraint enti_kind_check check (kind in ('comune', 'provincia', 'regione', 'other'))`.execute(
    db,
  );
}
