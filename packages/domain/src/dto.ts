import type { EnteRow, TableRow, UserRow } from '@hubspoke/db';

/** Row → public shape, one function per entity, so a new column never leaks by accident. */
export const userToDto = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  handle: u.handle,
  displayName: u.display_name,
  role: u.role,
  enteId: u.ente_id,
  locale: u.locale,
});

export const preferencesToDto = (u: UserRow) => ({
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

export const enteToDto = (e: EnteRow) => ({ id: e.id, name: e.name, kind: e.kind, region: e.region });

export const tableToDto = (t: TableRow & { is_member?: boolean }) => ({
  id: t.id,
  name: t.name,
  description: t.description,
  kind: t.kind,
  regions: t.regions,
  visibility: t.visibility,
  enteId: t.ente_id,
  isMember: t.is_member ?? false,
});

export type UserDto = ReturnType<typeof userToDto>;

export const focusAreaToDto = (f: {
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
}) => ({
  slug: f.slug,
  name: { it: f.name_it, en: f.name_en },
  description: { it: f.description_it, en: f.description_en },
});

export const dimensionToDto = (d: { slug: string; name_it: string; name_en: string }) => ({
  slug: d.slug,
  name: { it: d.name_it, en: d.name_en },
});
