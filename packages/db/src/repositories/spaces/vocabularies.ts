import type { Executor } from '../../connection.js';

export const listFocusAreas = (db: Executor) => db.selectFrom('focus_areas').selectAll().orderBy('position').execute();
export const listDimensions = (db: Executor) => db.selectFrom('dimensions').selectAll().orderBy('position').execute();
