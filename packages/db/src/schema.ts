import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types of the migrated database, written next to the migrations they mirror. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;

export type Role = 'participant' | 'tutor' | 'moderator' | 'admin';
export type Locale = 'it' | 'en';
export type EnteKind = 'comune' | 'provincia' | 'regione' | 'other';
export type TableKind = 'lab' | 'regional' | 'interregional';
export type TableVisibility = 'members' | 'participants';

export interface EntiTable {
  id: Id;
  name: string;
  kind: EnteKind;
  region: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: Id;
  email: string;
  handle: string;
  display_name: string;
  role: Role;
  ente_id: number | null;
  locale: ColumnType<Locale, Locale | undefined, Locale>;
  password_hash: string;
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface FocusAreasTable {
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
  position: number;
}

export interface DimensionsTable {
  slug: string;
  name_it: string;
  name_en: string;
  position: number;
}

export interface TablesTable {
  id: Id;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  kind: TableKind;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  visibility: TableVisibility;
  ente_id: number | null;
  created_at: Timestamp;
}

export interface TableMembersTable {
  table_id: number;
  user_id: number;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Id;
  email: string;
  role: Role;
  ente_id: number | null;
  table_ids: ColumnType<number[], number[] | undefined, number[]>;
  token_hash: string;
  invited_by: number | null;
  expires_at: Timestamp;
  accepted_at: Date | null;
  created_at: Timestamp;
}

export interface PasswordResetsTable {
  id: Id;
  user_id: number;
  token_hash: string;
  expires_at: Timestamp;
  used_at: Date | null;
  created_at: Timestamp;
}

export interface MailOutboxTable {
  id: Id;
  template: string;
  recipient: string;
  locale: Locale;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  sent_at: Date | null;
}

export interface AuditLogTable {
  id: Id;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
}

export interface DB {
  enti: EntiTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  focus_areas: FocusAreasTable;
  dimensions: DimensionsTable;
  tables: TablesTable;
  table_members: TableMembersTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type EnteRow = Selectable<EntiTable>;
export type TableRow = Selectable<TablesTable>;
export type InvitationRow = Selectable<InvitationsTable>;
