import { auditRepo, tableRepo, tutoringRepo, userRepo } from '@hubspoke/db';
import { type Actor, isAdmin } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, invalid, notFound } from '../shared/errors.js';

export interface PoolTarget {
  tutorId: number;
  tableId: number | null;
  focusArea: string | null;
}

/** Admins put tutors in (or take them out of) the pool of a table and/or a focus area. */
export async function setTutorPool(deps: Pick<Deps, 'db'>, actor: Actor, target: PoolTarget, member: boolean) {
  if (!isAdmin(actor)) throw forbidden('Only admins manage tutor pools');
  if (target.tableId === null && target.focusArea === null)
    throw invalid('invalid_pool', 'A pool needs a table or a focus area');
  const tutor = await userRepo.findById(deps.db, target.tutorId);
  if (tutor?.role !== 'tutor') throw invalid('not_a_tutor', 'Only people with the tutor role join tutor pools');
  if (target.tableId !== null && !(await tableRepo.findById(deps.db, target.tableId))) throw notFound('table');
  if (member) await tutoringRepo.addToPool(deps.db, target);
  else if (!(await tutoringRepo.removeFromPool(deps.db, target)))
    throw notFound('pool membership', 'pool_membership_not_found');
  await auditRepo.record(deps.db, {
    actorId: actor.id,
    action: member ? 'tutoring.pool_add' : 'tutoring.pool_remove',
    subjectType: 'user',
    subjectId: target.tutorId,
    data: { tableId: target.tableId, focusArea: target.focusArea },
  });
}
