import type { FastifyPluginAsync } from 'fastify';
import type { WebOptions } from '../web-options.js';

/** A table's path: its sessions by dimension, products due, attendance and calendar. */
const pathRoutes: FastifyPluginAsync<WebOptions> = async () => {};

export default pathRoutes;
