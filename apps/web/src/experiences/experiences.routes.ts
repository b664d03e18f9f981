import type { FastifyPluginAsync } from 'fastify';
import type { WebOptions } from '../web-options.js';

/** Experiences (schede di valorizzazione) and stakeholders: lists with filters, a page per sheet, forms. */
const experienceRoutes: FastifyPluginAsync<WebOptions> = async () => {};

export default experienceRoutes;
