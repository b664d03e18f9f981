import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Found through Node's resolution, so it works wherever npm put the package (hoisted or not). */
const bootstrapItalia = join(dirname(createRequire(import.meta.url).resolve('bootstrap-italia/package.json')), 'dist');
/** Our own assets, next to `src/` and `dist/` alike. */
const ownAssets = fileURLToPath(new URL('../static/', import.meta.url));

/**
 * Bootstrap Italia's stylesheet, fonts and icons, served from the npm package (no CDN), and our
 * own small stylesheet. Only those vendor folders are exposed.
 */
export const staticAssets: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, {
    root: bootstrapItalia,
    prefix: '/static/vendor/bootstrap-italia/',
    decorateReply: false,
    maxAge: '7d',
    allowedPath: (path) => /^\/(css|fonts|svg)\//.test(path),
  });
  await app.register(fastifyStatic, { root: ownAssets, prefix: '/static/', decorateReply: false, maxAge: '1h' });
};
