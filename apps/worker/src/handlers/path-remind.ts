import { remindComingSessions } from '@hubspoke/domain';
import type { Handler } from '../registry.js';

/** Every quarter of an hour: the people of each table hear of its sessions starting within a day. */
export const pathRemind: Handler<'path.remind'> = async (deps) => ({
  sessions: await remindComingSessions(deps),
});
