import type { HandlerEntry } from '../registry.js';
import { sessionsCleanup } from './sessions-cleanup.js';

/** One line per job name. */
export const handlers: HandlerEntry[] = [['sessions.cleanup', sessionsCleanup]];
