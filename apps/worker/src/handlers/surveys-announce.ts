import { announceOpenedSurveys } from '@hubspoke/domain';
import type { Handler } from '../registry.js';

/** Every few minutes: the surveys whose opening time has come are announced to those they are for. */
export const surveysAnnounce: Handler<'surveys.announce'> = async (deps) => ({
  announced: await announceOpenedSurveys(deps),
});
