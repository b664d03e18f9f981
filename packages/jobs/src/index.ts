export { openBackend } from './backends/index.js';
export * from './contracts/index.js';
export { resolveServices, type Services } from './discovery.js';
export { isOutage, RedisUnavailableError } from './outage.js';
