import { type Insertable, type RawBuilder, sql } from 'kysely';
import type { Executor, Tx } from '../../connection.js';
import type { ConsentKind, ConsentRecordsTable, ConsentVersionRow } from '../../schema.js';

const VERSION_COLUMNS = [
  'id',
  'kind',
  'version',
  'text_it',
  'text_en',
  'html_it',
  'html_en',
  'published_by',
  'published_at',
] as const;

/** The newest version of each kind that has one. */
export function currentVersions(db: Executor): Promise<ConsentVersionRow[]> {
  return db
    .selectFrom('consent_versions')
    .select(VERSION_COLUMNS)
    .distinctOn('kind')
    .orderBy('kind')
    .orderBy('version', 'desc')
    .execute();
}

export function currentVersion(db: Executor, kind: ConsentKind): Promise<ConsentVersionRow | undefined> {
  return db
    .selectFrom('consent_versions')
    .select(VERSION_COLUMNS)
    .where('kind', '=', kind)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findVersion(db: Executor, kind: ConsentKind, version: number): Promise<ConsentVersionRow | undefined> {
  return db
    .selectFrom('consent_versions')
    .select(VERSION_COLUMNS)
    .where('kind', '=', kind)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Publishes the next version of a kind. Two admins publishing at once would pick the same
 * number: a lock per kind, held to the end of the transaction, puts them one after the other.
 */
export async function insertVersion(
  tx: Tx,
  version: {
    kind: ConsentKind;
    text_it: string;
    text_en: string;
    html_it: string;
    html_en: string;
    published_by: number;
    published_at: Date;
  },
): Promise<ConsentVersionRow> {
  await sql`select pg_advisory_xact_lock(hashtext(${`consent:${version.kind}`}))`.execute(tx);
  const last = await tx
    .selectFrom('consent_versions')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('kind', '=', version.kind)
    .executeTakeFirst();
  return tx
    .insertInto('consent_versions')
    .values({ ...version, version: Number(last?.max ?? 0) + 1 })
    .returning(VERSION_COLUMNS)
    .executeTakeFirstOrThrow();
}

export interface ConsentState {
  kind: ConsentKind;
  version: number;
  action: 'accept' | 'revoke';
  created_at: Date;
  /** When the version now held was accepted (the record before a revocation, for a revoked one). */
  accepted_at: Date | null;
}

/** A person's latest record for each kind, with the acceptance a revocation undid. */
export function statesOf(db: Executor, userId: number): Promise<ConsentState[]> {
  return db
    .selectFrom('consent_records as r')
    .select([
      'r.kind',
      'r.version',
      'r.action',
      'r.created_at',
      sql<Date | null>`(select max(a.created_at) from consent_records a
        where a.user_id = r.user_id and a.kind = r.kind and a.version = r.version and a.action = 'accept')`.as(
        'accepted_at',
      ),
    ])
    .distinctOn('r.kind')
    .where('r.user_id', '=', userId)
    .orderBy('r.kind')
    .orderBy('r.id', 'desc')
    .execute();
}

export async function insertRecord(tx: Tx, record: Insertable<ConsentRecordsTable>): Promise<void> {
  await tx.insertInto('consent_records').values(record).execute();
}

/**
 * Whether the person holds the current version of a kind: their latest record for it accepts the
 * newest version. False when nothing of that kind is published.
 */
export function holdsCurrent(kind: ConsentKind, userId: number | RawBuilder<unknown>) {
  return sql<boolean>`exists (
    select 1 from consent_versions v
     where v.kind = ${kind}
       and v.version = (select max(version) from consent_versions where kind = ${kind})
       and (select r.action = 'accept' and r.version = v.version from consent_records r
             where r.user_id = ${userId} and r.kind = ${kind} order by r.id desc limit 1))`;
}

/** True when a current version of the kind exists and the person does not hold it. */
export async function lacksCurrent(db: Executor, kind: ConsentKind, userId: number): Promise<boolean> {
  const row = await db
    .selectNoFrom([
      sql<boolean>`exists (select 1 from consent_versions where kind = ${kind})`.as('published'),
      holdsCurrent(kind, userId).as('holds'),
    ])
    .executeTakeFirstOrThrow();
  return row.published && !row.holds;
}

export interface AcceptanceRow {
  user_id: number;
  display_name: string;
  email: string;
  role: string;
  ente_name: string | null;
  version: number | null;
  action: 'accept' | 'revoke' | null;
  created_at: Date | null;
}

/** Everyone, with their latest record of the kind (none for who never answered), by id. */
export function acceptances(db: Executor, kind: ConsentKind, options: { afterUserId?: number; limit: number }) {
  let query = db
    .selectFrom('users as u')
    .leftJoin('enti as e', 'e.id', 'u.ente_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('consent_records as r')
          .select(['r.version', 'r.action', 'r.created_at'])
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.kind', '=', kind)
          .orderBy('r.id', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'u.id as user_id',
      'u.display_name',
      'u.email',
      'u.role',
      'e.name as ente_name',
      'latest.version',
      'latest.action',
      'latest.created_at',
    ])
    .orderBy('u.id')
    .limit(options.limit);
  if (options.afterUserId !== undefined) query = query.where('u.id', '>', options.afterUserId);
  return query.execute() as Promise<AcceptanceRow[]>;
}

/** Who is asked again by mail when a new version is published (see the domain's rule). */
export function recipientsOfNewVersion(db: Executor, kind: ConsentKind, version: number) {
  let query = db.selectFrom('users as u').select(['u.id', 'u.email', 'u.locale', 'u.display_name']);
  // A new Patto concerns every participant; a new Liberatoria only those who gave the old one.
  if (kind === 'patto') query = query.where('u.role', '=', 'participant');
  else
    query = query.where(
      sql<boolean>`(select r.action = 'accept' and r.version < ${version} from consent_records r
                     where r.user_id = u.id and r.kind = ${kind} order by r.id desc limit 1)`,
    );
  return query.orderBy('u.id').execute();
}
