import type { EnteKind, EnteRow, EnteSummaryRow, TableRow, UserRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { literals, Nullable } from './shared/schema.js';

export const RoleSchema = literals(['participant', 'tutor', 'moderator', 'admin']);
export const LocaleSchema = literals(['it', 'en']);

export const UserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  handle: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  enteId: Nullable(Type.Integer()),
  locale: LocaleSchema,
  deactivated: Type.Boolean({ description: 'an admin turned this account off: it cannot sign in' }),
});
export type UserDto = Static<typeof UserSchema>;

export const EmailChoiceSchema = literals(['immediately', 'digest', 'never']);
export const PreferencesSchema = Type.Object({
  locale: LocaleSchema,
  digest: literals(['off', 'daily', 'weekly']),
  digestHour: Type.Integer(),
  digestWeekday: Type.Integer(),
  timezone: Type.String(),
  digestSkipIfActive: Type.Boolean(),
  emailOn: Type.Object({
    mentions: EmailChoiceSchema,
    replies: EmailChoiceSchema,
    watched: EmailChoiceSchema,
    tutoring: EmailChoiceSchema,
  }),
});

/** The programme's kinds of ente, in display order. */
export const ENTE_KINDS = [
  'comune',
  'provincia',
  'citta_metropolitana',
  'regione',
  'altro',
] as const satisfies readonly EnteKind[];
export const EnteKindSchema = literals([...ENTE_KINDS]);
export const TableKindSchema = literals(['lab', 'regional', 'interregional']);

export const EnteSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: EnteKindSchema,
  region: Nullable(Type.String()),
});

export const EnteSummarySchema = Type.Object({
  ...EnteSchema.properties,
  participantCount: Type.Integer({ description: 'people of this ente in the community' }),
  tables: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: TableKindSchema }), {
    description: 'its tables that you may see',
  }),
});
export type EnteSummaryDto = Static<typeof EnteSummarySchema>;

export const enteSummaryToDto = (e: EnteSummaryRow): EnteSummaryDto => ({
  ...enteToDto(e),
  participantCount: e.participant_count,
  tables: e.tables,
});

export const TableSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  kind: TableKindSchema,
  regions: Type.Array(Type.String()),
  visibility: literals(['members', 'participants']),
  enteId: Nullable(Type.Integer()),
  isMember: Type.Boolean(),
});
export type TableDto = Static<typeof TableSchema>;

const Names = Type.Object({ it: Type.String(), en: Type.String() });
export const FocusAreaSchema = Type.Object({ slug: Type.String(), name: Names, description: Names });
export const DimensionSchema = Type.Object({ slug: Type.String(), name: Names });

/** Row → public shape, one function per entity, so a new column never leaks by accident. */
export const userToDto = (u: UserRow): UserDto => ({
  id: u.id,
  email: u.email,
  handle: u.handle,
  displayName: u.display_name,
  role: u.role,
  enteId: u.ente_id,
  locale: u.locale,
  deactivated: u.deactivated_at !== null,
});

export const preferencesToDto = (u: UserRow): Static<typeof PreferencesSchema> => ({
  locale: u.locale,
  digest: u.digest,
  digestHour: u.digest_hour,
  digestWeekday: u.digest_weekday,
  timezone: u.timezone,
  digestSkipIfActive: u.digest_skip_if_active,
  emailOn: {
    mentions: u.email_mentions,
    replies: u.email_replies,
    watched: u.email_watched,
    tutoring: u.email_tutoring,
  },
});

export const enteToDto = (e: EnteRow): Static<typeof EnteSchema> => ({
  id: e.id,
  name: e.name,
  kind: e.kind,
  region: e.region,
});

export const tableToDto = (t: TableRow & { is_member?: boolean }): TableDto => ({
  id: t.id,
  name: t.name,
  description: t.description,
  kind: t.kind,
  regions: t.regions,
  visibility: t.visibility,
  enteId: t.ente_id,
  isMember: t.is_member ?? false,
});

export const focusAreaToDto = (f: {
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
}): Static<typeof FocusAreaSchema> => ({
  slug: f.slug,
  name: { it: f.name_it, en: f.name_en },
  description: { it: f.description_it, en: f.description_en },
});

export const dimensionToDto = (d: {
  slug: string;
  name_it: string;
  name_en: string;
}): Static<typeof DimensionSchema> => ({
  slug: d.slug,
  name: { it: d.name_it, en: d.name_en },
});
