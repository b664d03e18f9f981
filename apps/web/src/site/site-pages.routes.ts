import { currentConsentText, getSitePage, SITE_PAGES } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { sitePage } from './site-pages.page.js';

/** The pages every footer links, readable without signing in. */
const sitePageRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  for (const slug of SITE_PAGES) {
    app.get(`/${slug}`, async (request, reply) => {
      const ctx = pageContext(request, reply, deps.config);
      const title = ctx.t(`site.${slug}`);
      return sendPage(reply, ctx, title, sitePage(ctx, title, await getSitePage(deps, slug, ctx.locale)));
    });
  }

  // The privacy notice is the consent of that name: its current version, for anyone.
  app.get('/privacy', async (request, reply) => {
    const ctx = pageContext(request, reply, deps.config);
    const current = await currentConsentText(deps, 'privacy', ctx.locale);
    const title = ctx.t('site.privacyTitle');
    return sendPage(
      reply,
      ctx,
      title,
      sitePage(ctx, title, current && { html: current.html, updatedAt: current.publishedAt }),
    );
  });
};

export default sitePageRoutes;
