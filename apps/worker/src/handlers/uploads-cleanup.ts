import { removeUnattachedUploads } from '@hubspoke/domain';
import type { Handler } from '../registry.js';

/** Hourly: pictures and files sent from a composer that no post took within a day, rows and files. */
export const uploadsCleanup: Handler<'uploads.cleanup'> = async (deps) => ({
  removed: await removeUnattachedUploads(deps),
});
