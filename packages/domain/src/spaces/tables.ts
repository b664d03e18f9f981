import { auditRepo, type TableKind, type TableVisibility, tableRepo, userRepo } from '@hubspoke/db';
import { type Actor, canCreateTables, canManageMembers, canReadTable } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';
import { recordAccessChange } from '../shared/events.js';
import { reassignUnreadable } from '../tutoring/assign.js';

export interface NewTableInput {
  name: string;
  description?: string;
  kind: TableKind;
  regions?: string[];
  visibility?: TableVisibility;
  enteId?: number | null;
}

export async function createTable(deps: Pick<Deps, 'db'>, actor: Actor, input: NewTableInput) {
  if (!canCreateTables(actor)) throw forbidden('Only admins create tables');
  // Labs are private to their members unless said otherwise; regional tables are open.
  const visibility = input.visibility ?? (input.kind === 'lab' ? 'members' : 'participants');
  return deps.db.transaction().execute(async (tx) => {
    const table = await tableRepo.insert(tx, {
      name: input.name.trim(),
      description: input.description?.trim() ?? '',
      kind: input.kind,
      regions: input.regions ?? [],
      visibility,
      ente_id: input.enteId ?? null,
    });
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'table.create',
      subjectType: 'table',
      subjectId: table.id,
    });
    return table;
  });
}

export const listVisibleTables = (deps: Pick<Deps, 'db'>, actor: Actor) => tableRepo.listVisible(deps.db, actor);

/** A table the actor may read; otherwise 404, so private labs are not even confirmed to exist. */
export async function getReadableTable(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number) {
  const [table, isMember] = await Promise.all([
    tableRepo.findById(deps.db, tableId),
    tableRepo.isMember(deps.db, tableId, actor.id),
  ]);
  if (!table || !canReadTable(actor, table, isMember)) throw notFound('table');
  return { ...table, is_member: isMember };
}

async function authorizeMemberChange(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number, userId: number) {
  const table = await getReadableTable(deps, actor, tableId);
  if (!canManageMembers(actor, table.is_member)) {
    throw forbidden('Only admins and the table moderators manage members');
  }
  const user = await userRepo.findById(deps.db, userId);
  if (!user) throw invalid('unknown_user', 'No such user');
  return user;
}

export async function addMember(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number, userId: number) {
  await authorizeMemberChange(deps, actor, tableId, userId);
  await deps.db.transaction().execute(async (tx) => {
    await tableRepo.addMembers(tx, [tableId], userId);
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'table.member_add',
      subjectType: 'table',
      subjectId: tableId,
      data: { userId },
    });
  });
}

export async function removeMember(
  deps: Pick<Deps, 'db' | 'events' | 'clock'>,
  actor: Actor,
  tableId: number,
  userId: number,
) {
  const member = await authorizeMemberChange(deps, actor, tableId, userId);
  const eventIds = await deps.db.transaction().execute(async (tx) => {
    if (!(await tableRepo.removeMember(tx, tableId, userId))) throw notFound('membership');
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: 'table.member_remove',
      subjectType: 'table',
      subjectId: tableId,
      data: { userId },
    });
    const handedOn = await reassignUnreadable(tx, member, { at: deps.clock.now(), actorId: actor.id });
    return [await recordAccessChange(tx, userId), ...handedOn];
  });
  deps.events.publish(eventIds);
}

export async function listMembers(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number) {
  await getReadableTable(deps, actor, tableId);
  return tableRepo.listMembers(deps.db, tableId);
}

const SUGGESTIONS = 8;

/**
 * Whom a writer may @-mention in a table, as they type: only people who can read it (the others
 * would stay plain text in the post), and only for someone who can read it too.
 */
export async function suggestMentions(deps: Pick<Deps, 'db'>, actor: Actor, tableId: number, prefix: string) {
  await getReadableTable(deps, actor, tableId);
  const clean = prefix.trim().replace(/^@/, '');
  if (clean.length === 0) return [];
  const people = await userRepo.mentionSuggestions(deps.db, tableId, clean, SUGGESTIONS);
  return people.map((p) => ({ handle: p.handle, displayName: p.display_name }));
}
