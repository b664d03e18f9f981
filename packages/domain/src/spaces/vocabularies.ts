import { vocabularyRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

export const listFocusAreas = (deps: Pick<Deps, 'db'>) => vocabularyRepo.listFocusAreas(deps.db);
export const listDimensions = (deps: Pick<Deps, 'db'>) => vocabularyRepo.listDimensions(deps.db);
