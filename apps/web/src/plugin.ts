import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import { requireAdmin, requireSignedIn, requireStaff, requireTutoringStaff } from './guards.js';
import { loadHeaderState } from './header-state.js';
import './request-types.js';
import accountRoutes from './routes/account.js';
import adminMemberRoutes from './routes/admin-members.js';
import adminPeopleRoutes from './routes/admin-people.js';
import adminSpaceRoutes from './routes/admin-spaces.js';
import adminTutoringRoutes from './routes/admin-tutoring.js';
import documentUploadRoutes from './routes/document-uploads.js';
import documentRoutes from './routes/documents.js';
import focusAreaRoutes from './routes/focus-areas.js';
import followingRoutes from './routes/following.js';
import moderationRoutes from './routes/moderation.js';
import notificationRoutes from './routes/notifications.js';
import peopleRoutes from './routes/people.js';
import postActionRoutes from './routes/post-actions.js';
import postPageRoutes from './routes/post-pages.js';
import previewRoutes from './routes/preview.js';
import profileRoutes from './routes/profile.js';
import searchRoutes from './routes/search.js';
import sessionRoutes from './routes/session.js';
import spaceRoutes from './routes/spaces.js';
import newThreadRoutes from './routes/thread-new.js';
import threadTitleRoutes from './routes/thread-title.js';
import threadRoutes from './routes/threads.js';
import tutoringRoutes from './routes/tutoring.js';
import { helmetOptions } from './security.js';
import { staticAssets } from './static-assets.js';
import type { WebOptions } from './web-options.js';

export type { WebOptions };

/**
 * The server-rendered pages. Registered by the api after its own plugins, in its own context:
 * helmet's strict Content-Security-Policy and the form-body parser apply to pages only, so the
 * JSON API and the swagger-ui page at /docs keep their own behaviour.
 */
export const webPlugin: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const { deps } = options;
  // Errors in these routes render as HTML pages (see `wantsHtmlPage`), whatever the client accepts.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, page: true };
  });
  await app.register(helmet, helmetOptions(deps.config.secureCookies));
  // A post may hold 50,000 characters, and percent-encoding can make each one nine bytes.
  await app.register(formbody, { bodyLimit: 524_288 });
  await app.register(staticAssets);
  await app.register(sessionRoutes, options);
  await app.register(accountRoutes, options);
  await app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignedIn);
    signedIn.addHook('preHandler', loadHeaderState(deps));
    for (const routes of [
      spaceRoutes,
      focusAreaRoutes,
      followingRoutes,
      newThreadRoutes,
      threadRoutes,
      threadTitleRoutes,
      postPageRoutes,
      postActionRoutes,
      previewRoutes,
      searchRoutes,
      notificationRoutes,
      profileRoutes,
      documentRoutes,
      documentUploadRoutes,
      peopleRoutes,
    ]) {
      await signedIn.register(routes, options);
    }
    await signedIn.register(async (staff) => {
      staff.addHook('preHandler', requireStaff);
      await staff.register(moderationRoutes, options);
    });
    await signedIn.register(async (tutoring) => {
      tutoring.addHook('preHandler', requireTutoringStaff);
      await tutoring.register(tutoringRoutes, options);
    });
    await signedIn.register(async (admin) => {
      admin.addHook('preHandler', requireAdmin);
      await admin.register(adminSpaceRoutes, options);
      await admin.register(adminMemberRoutes, options);
      await admin.register(adminPeopleRoutes, options);
      await admin.register(adminTutoringRoutes, options);
    });
  });
};
