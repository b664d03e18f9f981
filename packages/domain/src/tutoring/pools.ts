import { auditRepo, tableRepo, tutoringRepo, userRepo } from '@hubspoke/db';
import { type Actor, isAdmin } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';
import { recordAccessChange } from '../shared/events.js';
import { reassignUnreadable } from './assign.js';

export interface PoolTarget {
  tutorId: number;
  tableId: number | null;
  focusArea: string | null;
}

/**
 * Admins put tutors in (or take them out of) the pool of a table and/or a focus area. A table's
 * pool lets its tutors read and answer there; leaving it hands their open questions on.
 */
export async function setTutorPool(
  deps: Pick<Deps, 'db' | 'events' | 'clock'>,
  actor: Actor,
  target: PoolTarget,
  member: boolean,
) {
  if (!isAdmin(actor)) throw forbidden('Only admins manage tutor pools');
  if (target.tableId === null && target.focusArea === null)
    throw invalid('invalid_pool', 'A pool needs a table or a focus area');
  const tutor = await userRepo.findById(deps.db, target.tutorId);
  if (tutor?.role !== 'tutor') throw invalid('not_a_tutor', 'Only people with the tutor role join tutor pools');
  if (target.tableId !== null && !(await tableRepo.findById(deps.db, target.tableId))) throw notFound('table');
  const eventIds = await deps.db.transaction().execute(async (tx) => {
    if (member) await tutoringRepo.addToPool(tx, target);
    else if (!(await tutoringRepo.removeFromPool(tx, target)))
      throw notFound('pool membership', 'pool_membership_not_found');
    await auditRepo.record(tx, {
      actorId: actor.id,
      action: member ? 'tutoring.pool_add' : 'tutoring.pool_remove',
      subjectType: 'user',
      subjectId: target.tutorId,
      data: { tableId: target.tableId, focusArea: target.focusArea },
    });
    if (target.tableId === null) return [];
    const handedOn = member ? [] : await reassignUnreadable(tx, tutor, { at: deps.clock.now(), actorId: actor.id });
    return [await recordAccessChange(tx, tutor.id), ...handedOn];
  });
  deps.events.publish(eventIds);
}

/** The pools as they stand and the tutors who could join them. For admins. */
export async function listTutorPools(deps: Pick<Deps, 'db'>, actor: Actor) {
  if (!isAdmin(actor)) throw forbidden('Only admins manage tutor pools');
  const [pools, tutors] = await Promise.all([tutoringRepo.listPools(deps.db), tutoringRepo.listTutors(deps.db)]);
  return {
    pools: pools.map((p) => ({
      tutor: { id: p.tutor_id, displayName: p.tutor_name },
      table: p.table_id === null ? null : { id: p.table_id, name: p.table_name ?? '' },
      focusArea: p.focus_area,
    })),
    tutors: tutors.map((t) => ({ id: t.id, displayName: t.display_name })),
  };
}
