import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import { requireAdmin, requireSignedIn, requireStaff, requireTutoringStaff } from './guards.js';
import { loadHeaderState } from './header-state.js';
import './request-types.js';
import accountRoutes from './account/account.routes.js';
import eraseRoutes from './account/erase.routes.js';
import oidcRoutes from './account/oidc.routes.js';
import profileRoutes from './account/profile.routes.js';
import sessionRoutes from './account/session.routes.js';
import adminConsentRoutes from './admin/consents.routes.js';
import adminMemberRoutes from './admin/members.routes.js';
import adminPeopleRoutes from './admin/people.routes.js';
import adminSitePageRoutes from './admin/site-pages.routes.js';
import adminSpaceRoutes from './admin/spaces.routes.js';
import adminTutoringRoutes from './admin/tutoring.routes.js';
import { askForConsents } from './consents/ask.js';
import consentRoutes from './consents/consents.routes.js';
import conversationRoutes from './conversations/conversations.routes.js';
import cvRoutes from './cv/cv.routes.js';
import directoryRoutes from './cv/directory.routes.js';
import documentRoutes from './documents/documents.routes.js';
import documentUploadRoutes from './documents/uploads.routes.js';
import experienceRoutes from './experiences/experiences.routes.js';
import stakeholderRoutes from './experiences/stakeholders.routes.js';
import followingRoutes from './forum/following.routes.js';
import postActionRoutes from './forum/post-actions.routes.js';
import postPageRoutes from './forum/post-pages.routes.js';
import previewRoutes from './forum/preview.routes.js';
import newThreadRoutes from './forum/thread-new.routes.js';
import threadTitleRoutes from './forum/thread-title.routes.js';
import threadRoutes from './forum/threads.routes.js';
import postUploadRoutes from './forum/uploads.routes.js';
import moderationRoutes from './moderation/moderation.routes.js';
import notificationRoutes from './notifications/notifications.routes.js';
import unsubscribeRoutes from './notifications/unsubscribe.routes.js';
import pathRoutes from './path/path.routes.js';
import peopleRoutes from './people/people.routes.js';
import personalDataRoutes from './personal-data/personal-data.routes.js';
import progressRoutes from './programme/progress.routes.js';
import searchRoutes from './search/search.routes.js';
import { helmetOptions } from './security.js';
import sitePageRoutes from './site/site-pages.routes.js';
import enteRoutes from './spaces/enti.routes.js';
import focusAreaRoutes from './spaces/focus-areas.routes.js';
import spaceRoutes from './spaces/spaces.routes.js';
import { staticAssets } from './static-assets.js';
import manageSurveyRoutes from './surveys/manage.routes.js';
import surveyRoutes from './surveys/surveys.routes.js';
import tutoringRoutes from './tutoring/tutoring.routes.js';
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
  await app.register(oidcRoutes, options);
  await app.register(accountRoutes, options);
  await app.register(sitePageRoutes, options);
  await app.register(unsubscribeRoutes, options);
  await app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSignedIn);
    signedIn.addHook('preHandler', loadHeaderState(deps));
    signedIn.addHook('preHandler', askForConsents(options));
    for (const routes of [
      spaceRoutes,
      focusAreaRoutes,
      followingRoutes,
      newThreadRoutes,
      threadRoutes,
      postUploadRoutes,
      threadTitleRoutes,
      postPageRoutes,
      postActionRoutes,
      previewRoutes,
      searchRoutes,
      notificationRoutes,
      conversationRoutes,
      profileRoutes,
      documentRoutes,
      documentUploadRoutes,
      peopleRoutes,
      consentRoutes,
      eraseRoutes,
      enteRoutes,
      surveyRoutes,
      cvRoutes,
      directoryRoutes,
      personalDataRoutes,
      pathRoutes,
      experienceRoutes,
      stakeholderRoutes,
    ]) {
      await signedIn.register(routes, options);
    }
    await signedIn.register(async (staff) => {
      staff.addHook('preHandler', requireStaff);
      await staff.register(moderationRoutes, options);
      await staff.register(manageSurveyRoutes, options);
      await staff.register(progressRoutes, options);
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
      await admin.register(adminConsentRoutes, options);
      await admin.register(adminSitePageRoutes, options);
    });
  });
};
