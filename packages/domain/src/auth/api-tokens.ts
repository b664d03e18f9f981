import { apiTokenRepo, type UserRow } from '@hubspoke/db';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';

/** Personal API tokens carry a recognisable prefix so a leaked one is easy to spot and revoke. */
const PREFIX = 'hs_';

export async function createApiToken(deps: Pick<Deps, 'db'>, userId: number, name: string) {
  const token = PREFIX + generateToken(24);
  const row = await apiTokenRepo.insert(deps.db, { userId, name, tokenHash: hashToken(token) });
  return { ...row, token };
}

export function listApiTokens(deps: Pick<Deps, 'db'>, userId: number) {
  return apiTokenRepo.listForUser(deps.db, userId);
}

export async function revokeApiToken(deps: Pick<Deps, 'db'>, userId: number, id: number): Promise<void> {
  if (!(await apiTokenRepo.revoke(deps.db, id, userId))) throw notFound('token');
}

export async function authenticateApiToken(deps: Pick<Deps, 'db'>, token: string): Promise<UserRow | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  return apiTokenRepo.useToken(deps.db, hashToken(token));
}
