import { documentListRepo, type EnteKind, enteRepo, type UserRow } from '@hubspoke/db';
import { documentToDto } from '../documents/dto.js';
import { enteSummaryToDto } from '../dto.js';
import { type Actor, canManageEnti, canSeeDocumentDrafts } from '../permissions.js';
import type { Deps } from '../shared/deps.js';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.js';
import { enteProfile } from '../surveys/surveys.js';

export const listEnti = (deps: Pick<Deps, 'db'>) => enteRepo.list(deps.db);
export const findEnte = (deps: Pick<Deps, 'db'>, id: number) => enteRepo.findById(deps.db, id);

/** Every ente with its number of people and the tables of it the viewer may see. */
export async function listEnteSummaries(deps: Pick<Deps, 'db'>, viewer: UserRow) {
  return (await enteRepo.summaries(deps.db, viewer)).map(enteSummaryToDto);
}

const PRODUCT_STATUSES = ['draft', 'submitted', 'changes_requested', 'published'] as const;
const PRODUCTS_SHOWN = 100;

/**
 * One ente's page: who, which tables, and its products (the documents of its tables) by
 * dimension with their status — each as visible as the library would show it to this viewer.
 * The profile is the ente's latest submitted answer to an `ente_profile` questionnaire.
 */
export async function getEnte(deps: Pick<Deps, 'db'>, viewer: UserRow, enteId: number) {
  const [summary] = await enteRepo.summaries(deps.db, viewer, enteId);
  if (!summary) throw notFound('ente');
  const [people, documents, profile] = await Promise.all([
    enteRepo.people(deps.db, enteId),
    documentListRepo.list(deps.db, viewer, { enteId, statuses: [...PRODUCT_STATUSES] }, undefined, PRODUCTS_SHOWN),
    enteProfile(deps, enteId),
  ]);
  const byDimension = new Map<string | null, ReturnType<typeof documentToDto>[]>();
  for (const d of documents) {
    const list = byDimension.get(d.dimension) ?? [];
    list.push(documentToDto(d, canSeeDocumentDrafts(viewer, d, d.is_member)));
    byDimension.set(d.dimension, list);
  }
  return {
    ente: enteSummaryToDto(summary),
    people: people.map((p) => ({ id: p.id, displayName: p.display_name, handle: p.handle, role: p.role })),
    products: [...byDimension].map(([dimension, items]) => ({ dimension, documents: items })),
    profile,
  };
}

const cleanName = (name: string) => {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.length < 2 || clean.length > 120)
    throw invalid('invalid_name', 'The name must have between 2 and 120 characters');
  return clean;
};

const uniqueName = async <T>(write: () => Promise<T>) => {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw conflict('ente_exists', 'An ente with this name exists');
    throw error;
  }
};

export async function createEnte(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { name: string; kind: EnteKind; region?: string | null },
) {
  if (!canManageEnti(actor)) throw forbidden('Only admins manage enti');
  const name = cleanName(input.name);
  return uniqueName(() => enteRepo.insert(deps.db, { name, kind: input.kind, region: input.region?.trim() || null }));
}

export async function updateEnte(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  enteId: number,
  input: { name?: string; kind?: EnteKind; region?: string | null },
) {
  if (!canManageEnti(actor)) throw forbidden('Only admins manage enti');
  const changes = {
    ...(input.name !== undefined ? { name: cleanName(input.name) } : {}),
    ...(input.kind !== undefined ? { kind: input.kind } : {}),
    ...(input.region !== undefined ? { region: input.region?.trim() || null } : {}),
  };
  const updated = Object.keys(changes).length
    ? await uniqueName(() => enteRepo.update(deps.db, enteId, changes))
    : await enteRepo.findById(deps.db, enteId);
  if (!updated) throw notFound('ente');
  return updated;
}
