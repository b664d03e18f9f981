export { buildRegistry, type Handler, type HandlerEntry } from './registry.js';
export { OutboxRelay } from './relay.js';
export { type RunningWorker, startWorker, type WorkerOptions } from './worker.js';
