import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { unsubscribe } from '@hubspoke/domain';
import { escapeHtml, type MailLocale, verifyUnsubscribeToken } from '@hubspoke/mail';
import { applySecurityHeaders, cspDirectives } from '@hubspoke/web';

const COPY = {
  it: {
    title: 'Disiscrizione',
    digest: 'Non riceverai più il riepilogo via email.',
    notifications: 'Non riceverai più le notifiche via email.',
    confirm: 'Confermi di non voler più ricevere queste email?',
    button: 'Conferma',
    invalid: 'Questo link non è valido.',
  },
  en: {
    title: 'Unsubscribe',
    digest: 'You will no longer receive the summary by email.',
    notifications: 'You will no longer receive notifications by email.',
    confirm: 'Do you want to stop receiving these emails?',
    button: 'Confirm',
    invalid: 'This link is not valid.',
  },
};

const page = (locale: MailLocale, body: string) =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${COPY[locale].title} – Hub&amp;Spoke Community</title></head><body><main><h1>${COPY[locale].title}</h1>${body}</main></body></html>`;

/**
 * One-click unsubscribe from mails, no sign-in needed: GET shows a confirmation (link scanners
 * follow GETs, so GET never changes anything), POST does it — also the RFC 8058 one-click POST
 * that mail clients send.
 */
const unsubscribeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const directives = cspDirectives(app.config.secureCookies);
  app.addHook('onRequest', async (_request, reply) => {
    applySecurityHeaders(reply, directives);
  });
  // RFC 8058 clients post `List-Unsubscribe=One-Click` form-encoded; its content does not matter.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, body),
  );
  const Params = Type.Object({ token: Type.String({ minLength: 10, maxLength: 300 }) });
  const locale = (header: string | undefined): MailLocale => (header?.toLowerCase().startsWith('en') ? 'en' : 'it');

  app.get('/email/unsubscribe/:token', { schema: { hide: true, params: Params } }, async (request, reply) => {
    const lang = locale(request.headers['accept-language']);
    const valid = verifyUnsubscribeToken(app.config.appSecret, request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!valid) return reply.status(404).send(page(lang, `<p>${COPY[lang].invalid}</p>`));
    const action = `/email/unsubscribe/${escapeHtml(request.params.token)}`;
    return page(
      lang,
      `<p>${COPY[lang].confirm}</p><form method="post" action="${action}"><button type="submit">${COPY[lang].button}</button></form>`,
    );
  });

  app.post('/email/unsubscribe/:token', { schema: { hide: true, params: Params } }, async (request, reply) => {
    const lang = locale(request.headers['accept-language']);
    const valid = verifyUnsubscribeToken(app.config.appSecret, request.params.token);
    reply.type('text/html; charset=utf-8');
    if (!valid) return reply.status(404).send(page(lang, `<p>${COPY[lang].invalid}</p>`));
    await unsubscribe(app.deps, valid.userId, valid.scope);
    return page(lang, `<p>${COPY[lang][valid.scope]}</p>`);
  });
};

export default unsubscribeRoutes;
