import { getSitePageSources, saveSitePage } from '@hubspoke/domain';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import { toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { adminSitePagesPage } from './site-pages.page.js';

/** Admin: wording the accessibility statement and the legal notes. */
const adminSitePageRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get('/admin/pagine', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const pages = await getSitePageSources(deps, currentUser(request));
    return sendPage(reply, ctx, ctx.t('admin.sitePages'), adminSitePagesPage(ctx, pages));
  });

  app.post<{ Params: { slug: string } }>('/admin/pagine/:slug', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const actor = currentUser(request);
    const form = readForm(request.body);
    const input = { textIt: form.text('textIt'), textEn: form.text('textEn') };
    try {
      await saveSitePage(deps, actor, request.params.slug, input);
      setFlash(reply, { key: 'flash.sitePageSaved' }, config.secureCookies);
      return seeOther(reply, '/admin/pagine');
    } catch (caught) {
      const error = toFormError(ctx, caught, ['textIt', 'textEn']);
      const page = adminSitePagesPage(ctx, await getSitePageSources(deps, actor), {
        slug: request.params.slug,
        ...input,
        error,
      });
      return sendPage(reply, ctx, ctx.t('admin.sitePages'), page, error.status);
    }
  });
};

export default adminSitePageRoutes;
