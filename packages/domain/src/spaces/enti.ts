import { type EnteKind, enteRepo } from '@hubspoke/db';
import { type Actor, canManageEnti } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { conflict, forbidden } from '../shared/errors.js';

export const listEnti = (deps: Pick<Deps, 'db'>) => enteRepo.list(deps.db);

export async function createEnte(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { name: string; kind: EnteKind; region?: string | null },
) {
  if (!canManageEnti(actor)) throw forbidden('Only admins manage enti');
  try {
    return await enteRepo.insert(deps.db, { name: input.name.trim(), kind: input.kind, region: input.region ?? null });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('ente_exists', 'An ente with this name exists');
    throw error;
  }
}
