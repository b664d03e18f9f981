import { auditRepo, enteRepo, type Role, userRepo } from '@hubspoke/db';
import { ROLES } from '../auth/users.js';
import { type Actor, canChangeRoles } from '../permissions.js';
import { decodeCursor, encodeCursor, pageSize } from '../shared/cursor.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';
import { recordAccessChange } from '../shared/events.js';

export async function changeRole(deps: Pick<Deps, 'db' | 'events'>, actor: Actor, userId: number, role: Role) {
  if (!canChangeRoles(actor)) throw forbidden('Only admins change roles');
  if (!ROLES.includes(role)) throw invalid('invalid_role', `The role must be one of ${ROLES.join(', ')}`);
  if (userId === actor.id) throw forbidden('Admins cannot change their own role');
  const { user, eventId } = await deps.db.transaction().execute(async (tx) => {
    const user = await userRepo.update(tx, userId, { role });
    if (!user) throw notFound('user');
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'user.role',
      subjectType: 'user',
      subjectId: userId,
      data: { role },
    });
    return { user, eventId: await recordAccessChange(tx, userId) };
  });
  deps.events.publish([eventId]);
  return user;
}

const isUserCursor = (value: unknown): value is { before: number } =>
  typeof (value as { before?: unknown })?.before === 'number' &&
  Number.isSafeInteger((value as { before: number }).before);

/** Everyone, newest first, a page at a time (admins only), with an opaque cursor like every list. */
/** One account for an admin's page (an admin sees everyone). */
export async function findUser(deps: Pick<Deps, 'db'>, actor: Actor, userId: number) {
  if (!canChangeRoles(actor)) throw forbidden('Only admins look people up by id');
  return userRepo.findById(deps.db, userId);
}

export async function listUsers(deps: Pick<Deps, 'db'>, actor: Actor, page: { limit?: number; cursor?: string }) {
  if (!canChangeRoles(actor)) throw forbidden('Only admins list every user');
  const limit = pageSize(page.limit);
  const after = decodeCursor(page.cursor, isUserCursor);
  const rows = await userRepo.list(deps.db, { limit: limit + 1, ...(after ? { beforeId: after.before } : {}) });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null };
}

/** What anyone signed in may know of a person, by handle (mentions link there): name, role and ente. */
export async function getProfileByHandle(deps: Pick<Deps, 'db'>, handle: string) {
  const [user] = await userRepo.findByHandles(deps.db, [handle]);
  if (!user) throw notFound('user');
  const ente = user.ente_id === null ? undefined : await enteRepo.findById(deps.db, user.ente_id);
  return {
    id: user.id,
    displayName: user.display_name,
    handle: user.handle,
    role: user.role,
    ...(ente ? { enteName: ente.name } : {}),
  };
}
