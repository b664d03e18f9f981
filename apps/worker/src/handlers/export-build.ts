import { buildDataExport, personalDataStorages, ZipLimitError } from '@hubspoke/domain';
import { UnrecoverableError } from 'bullmq';
import type { Handler } from '../registry.js';

/** Builds a person's data export, stores it and queues the mail with its one-time link (see buildDataExport). */
export const exportBuild: Handler<'export.build'> = async (deps, { eventId }) => {
  const outcome = await buildDataExport({ ...deps, ...personalDataStorages(deps.config) }, eventId).catch((error) => {
    // Past what a ZIP without ZIP64 holds (4 GiB): building it again cannot help.
    throw error instanceof ZipLimitError ? new UnrecoverableError(error.message) : error;
  });
  if ('missing' in outcome) throw new UnrecoverableError(outcome.missing);
  return outcome;
};
