import { pathRepo, type UserRow, vocabularyRepo } from '@hubspoke/db';
import { canModerateTable } from '../permissions.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import { romeDay } from '../shared/rome-time.js';
import { paths } from '../shared/urls.js';
import { getReadableTable } from '../spaces/tables.js';
import {
  type PathDto,
  type ProductDueDto,
  type ProductInput,
  productToDto,
  type SessionDto,
  type SessionInput,
  sessionToDto,
} from './dto.js';
import { type CalendarEvent, calendar } from './ical.js';
import { cleanProduct, cleanSession } from './validate.js';

type PathDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

async function dimensionSet(deps: Pick<Deps, 'db'>) {
  return new Set((await vocabularyRepo.listDimensions(deps.db)).map((d) => d.slug));
}

/** The table, readable by the actor (else 404), and planned by them (else 403). */
async function managedTable(deps: Pick<Deps, 'db'>, actor: UserRow, tableId: number) {
  const table = await getReadableTable(deps, actor, tableId);
  if (!canModerateTable(actor, table.is_member))
    throw forbidden('Only the table’s moderators and admins plan its path');
  return table;
}

async function managedSession(deps: Pick<Deps, 'db'>, actor: UserRow, tableId: number, sessionId: number) {
  await managedTable(deps, actor, tableId);
  const session = await pathRepo.findSession(deps.db, tableId, sessionId);
  if (!session) throw notFound('session');
  return session;
}

/** A table's path: for each dimension, its sessions in time order and the products due. */
export async function getPath(deps: PathDeps, actor: UserRow, tableId: number): Promise<PathDto> {
  const table = await getReadableTable(deps, actor, tableId);
  const [dimensions, sessions, products] = await Promise.all([
    vocabularyRepo.listDimensions(deps.db),
    pathRepo.sessionsOf(deps.db, tableId, actor.id),
    pathRepo.productsOf(deps.db, tableId),
  ]);
  const now = deps.clock.now();
  const today = romeDay(now);
  return {
    tableId,
    canManage: canModerateTable(actor, table.is_member),
    modules: dimensions.map((d) => ({
      dimension: d.slug,
      name: actor.locale === 'en' ? d.name_en : d.name_it,
      sessions: sessions.filter((s) => s.dimension === d.slug).map((s) => sessionToDto(s, now)),
      products: products.filter((p) => p.dimension === d.slug).map((p) => productToDto(p, today)),
    })),
  };
}

export async function createPathSession(deps: PathDeps, actor: UserRow, tableId: number, input: SessionInput) {
  await managedTable(deps, actor, tableId);
  const clean = cleanSession(input, await dimensionSet(deps));
  const row = await pathRepo.insertSession(deps.db, { ...clean, table_id: tableId, created_by: actor.id });
  return sessionToDto(row, deps.clock.now());
}

/** Changes what is given; the result is checked whole, as a new session would be. */
export async function updatePathSession(
  deps: PathDeps,
  actor: UserRow,
  tableId: number,
  sessionId: number,
  input: Partial<SessionInput>,
): Promise<SessionDto> {
  const current = await managedSession(deps, actor, tableId, sessionId);
  const merged: SessionInput = {
    title: input.title ?? current.title,
    dimension: input.dimension ?? current.dimension,
    startsAt: input.startsAt ?? current.starts_at.toISOString(),
    days: input.days ?? current.days,
    place: input.place === undefined ? current.place : input.place,
    online: input.online === undefined ? current.online_url : input.online,
  };
  const clean = cleanSession(merged, await dimensionSet(deps));
  // A session moved to another time is reminded again the day before its new date.
  const moved = clean.starts_at.getTime() !== current.starts_at.getTime();
  const row = await pathRepo.updateSession(deps.db, tableId, sessionId, {
    ...clean,
    ...(moved ? { reminded_at: null } : {}),
  });
  if (!row) throw notFound('session');
  return sessionToDto(row, deps.clock.now());
}

export async function deletePathSession(deps: PathDeps, actor: UserRow, tableId: number, sessionId: number) {
  await managedSession(deps, actor, tableId, sessionId);
  await pathRepo.deleteSession(deps.db, tableId, sessionId);
}

export async function createProduct(
  deps: PathDeps,
  actor: UserRow,
  tableId: number,
  input: ProductInput,
): Promise<ProductDueDto> {
  await managedTable(deps, actor, tableId);
  const clean = cleanProduct(input, await dimensionSet(deps));
  const row = await pathRepo.insertProduct(deps.db, { ...clean, table_id: tableId, created_by: actor.id });
  if (!row) throw conflict('product_exists', 'This table already has that product due for that dimension');
  return productToDto({ ...row, status: null }, romeDay(deps.clock.now()));
}

export async function deleteProduct(deps: PathDeps, actor: UserRow, tableId: number, productId: number) {
  await managedTable(deps, actor, tableId);
  if (!(await pathRepo.deleteProduct(deps.db, tableId, productId))) throw notFound('product');
}

export async function getAttendance(deps: PathDeps, actor: UserRow, tableId: number, sessionId: number) {
  await managedSession(deps, actor, tableId, sessionId);
  return { sessionId, userIds: await pathRepo.attendanceOf(deps.db, sessionId) };
}

/** Records exactly who took part; only people who may read the table, once the session has begun. */
export async function setAttendance(
  deps: PathDeps,
  actor: UserRow,
  tableId: number,
  sessionId: number,
  userIds: readonly number[],
) {
  const session = await managedSession(deps, actor, tableId, sessionId);
  if (session.starts_at > deps.clock.now()) {
    throw conflict('session_not_started', 'Attendance is recorded once the session has begun');
  }
  const wanted = [...new Set(userIds)];
  if (wanted.length > 1000) throw invalid('invalid_attendees', 'userIds: at most 1000 people');
  const readers = new Set(await pathRepo.readersAmong(deps.db, tableId, wanted));
  const stranger = wanted.find((id) => !readers.has(id));
  if (stranger !== undefined) {
    throw invalid('invalid_attendees', `userIds: person ${stranger} does not take part in this table`);
  }
  await pathRepo.replaceAttendance(deps.db, sessionId, wanted, actor.id);
  return { sessionId, userIds: wanted };
}

/** The reader's own record of presence, in the tables they may still read. */
export async function myAttendance(deps: Pick<Deps, 'db'>, actor: UserRow) {
  const rows = await pathRepo.attendanceOfUser(deps.db, actor);
  return {
    items: rows.map((r) => ({
      sessionId: r.id,
      tableId: r.table_id,
      tableName: r.table_name,
      title: r.title,
      dimension: r.dimension,
      startsAt: r.starts_at.toISOString(),
      days: r.days,
    })),
  };
}

const feedUrl = (deps: Pick<Deps, 'config'>, path: string, token: string) =>
  `${deps.config.publicUrl.replace(/\/$/, '')}${path}?token=${token}`;

/** A new personal calendar token (the old one stops working), shown once with the feed addresses. */
export async function createCalendarToken(deps: PathDeps, actor: UserRow) {
  const token = generateToken();
  await pathRepo.setCalendarToken(deps.db, actor.id, hashToken(token));
  return { token, personalFeed: feedUrl(deps, '/api/me/calendar.ics', token) };
}

export async function revokeCalendarToken(deps: Pick<Deps, 'db'>, actor: UserRow) {
  if (!(await pathRepo.deleteCalendarToken(deps.db, actor.id))) throw notFound('calendar_token');
}

/** Who a feed is for: the signed-in caller, else the owner of a valid calendar token (401 otherwise). */
async function feedReader(deps: Pick<Deps, 'db'>, user: UserRow | null, token: string | undefined) {
  if (token) {
    const owner = await pathRepo.userByCalendarToken(deps.db, hashToken(token));
    if (!owner) throw new AppError(401, 'invalid_calendar_token', 'This calendar link is not valid any more');
    return owner;
  }
  if (!user) throw new AppError(401, 'unauthenticated', 'Sign in first, or use your calendar link');
  return user;
}

function toEvent(
  deps: Pick<Deps, 'config'>,
  session: Awaited<ReturnType<typeof pathRepo.sessionsOf>>[number],
  tableName: string,
): CalendarEvent {
  const host = new URL(deps.config.publicUrl).host;
  const pathPage = `${deps.config.publicUrl.replace(/\/$/, '')}${paths.path(session.table_id)}`;
  return {
    uid: `session-${session.id}@${host}`,
    title: session.title,
    startsAt: session.starts_at,
    days: session.days,
    place: session.place,
    online: session.online_url,
    description: `${tableName} — ${pathPage}`,
    url: pathPage,
    createdAt: session.created_at,
    updatedAt: session.updated_at,
  };
}

/** One table's sessions as iCalendar; the reader must still be able to read the table (404 otherwise). */
export async function tableCalendar(deps: PathDeps, user: UserRow | null, tableId: number, token?: string) {
  const reader = await feedReader(deps, user, token);
  const table = await getReadableTable(deps, reader, tableId);
  const sessions = await pathRepo.sessionsOf(deps.db, tableId, reader.id);
  return calendar(
    table.name,
    sessions.map((s) => toEvent(deps, s, table.name)),
    deps.clock.now(),
  );
}

/** Every session of the person's tables, as far as they may still read them. */
export async function personalCalendar(deps: PathDeps, user: UserRow | null, token?: string) {
  const reader = await feedReader(deps, user, token);
  const sessions = await pathRepo.sessionsForPerson(deps.db, reader);
  const name = reader.locale === 'en' ? 'Hub&Spoke: my sessions' : 'Hub&Spoke: le mie sessioni';
  return calendar(
    name,
    sessions.map((s) => toEvent(deps, { ...s, attended: false, attendance_taken: false }, s.table_name)),
    deps.clock.now(),
  );
}
