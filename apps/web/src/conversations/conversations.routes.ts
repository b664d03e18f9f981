import {
  type ConversationPageDto,
  findUsersByHandles,
  flagConversation,
  getConversation,
  leaveConversation,
  listConversations,
  postConversationMessage,
  startConversation,
  unreadConversationCount,
} from '@hubspoke/domain';
import { renderMarkdown } from '@hubspoke/markdown';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import type { ComposerState } from '../forum/composer.view.js';
import { currentUser, idParam, readForm, seeOther, sendPage } from '../respond.js';
import { CONFIRMED, confirmPage } from '../ui/confirm.js';
import { type FailedForm, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import {
  conversationListPage,
  conversationPage,
  type NewConversationInput,
  newConversationPage,
} from './conversations.page.js';

const RECIPIENT_CODES = [
  'no_recipients',
  'too_many_people',
  'person_not_found',
  'recipient_unavailable',
  'recipient_not_accepting',
];
const FIELDS_BY_CODE: Record<string, string[]> = {
  ...Object.fromEntries(RECIPIENT_CODES.map((code) => [code, ['recipients']])),
  empty_body: ['body'],
  body_too_long: ['body'],
  invalid_conversation_title: ['title'],
};

/** `@giulia.ferri, marco.rossi  @anna` → the handles, without their `@`. */
export const parseHandles = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((h) => h.replace(/^@+/, ''))
    .filter(Boolean);

const SCRIPTS = { scripts: ['/static/conversation.js'] };

/** Private conversations: the list, starting one, reading and answering, leaving, calling a moderator. */
const conversationRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;
  const secure = config.secureCookies;
  const preview = (body: string) => renderMarkdown(body, { publicOrigin: config.publicOrigin });

  app.get<{ Querystring: { cursore?: string } }>('/conversazioni', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    const user = currentUser(request);
    const cursor = request.query.cursore;
    const page = await listConversations(deps, user, cursor ? { cursor } : {});
    const view = {
      items: page.items,
      viewerId: user.id,
      moreHref: page.nextCursor ? `/conversazioni?cursore=${encodeURIComponent(page.nextCursor)}` : null,
      firstHref: cursor ? '/conversazioni' : null,
    };
    return sendPage(reply, ctx, ctx.t('conversations.title'), conversationListPage(ctx, view));
  });

  function renderNew(
    request: FastifyRequest,
    reply: FastifyReply,
    input: NewConversationInput,
    composer: ComposerState & { error?: FailedForm },
  ) {
    const ctx = pageContext(request, reply, config);
    const page = newConversationPage(ctx, input, composer);
    return sendPage(reply, ctx, ctx.t('conversations.newTitle'), page, composer.error?.status);
  }

  app.get<{ Querystring: { con?: string | string[] } }>('/conversazioni/nuova', (request, reply) => {
    const named = parseHandles([request.query.con ?? []].flat().join(' '));
    const recipients = named.map((h) => `@${h}`).join(', ');
    return renderNew(request, reply, { recipients, title: '', isQuestion: false }, { body: '' });
  });

  app.post('/conversazioni', async (request, reply) => {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const input = {
      recipients: form.text('recipients'),
      title: form.text('title'),
      isQuestion: form.text('isQuestion') === '1',
    };
    const body = form.secret('body');
    if (form.text('intent') === 'preview')
      return renderNew(request, reply, input, { body, previewHtml: preview(body) });
    const fail = (error: FailedForm) => renderNew(request, reply, input, { body, error });
    const handles = parseHandles(input.recipients);
    if (handles.length === 0)
      return fail({ message: ctx.t('error.no_recipients'), fields: ['recipients'], status: 400 });
    const { found, missing } = await findUsersByHandles(deps, handles);
    if (missing.length > 0) {
      const named = missing.map((h) => `@${h}`).join(', ');
      return fail({
        message: ctx.t('conversations.unknownHandles', { handles: named }),
        fields: ['recipients'],
        status: 400,
      });
    }
    try {
      const started = await startConversation(deps, user, {
        userIds: found.map((p) => p.id),
        title: input.title,
        body,
        isQuestion: input.isQuestion,
      });
      return seeOther(reply, `/conversazioni/${started.conversationId}`);
    } catch (caught) {
      return fail(toFormError(ctx, caught, [], FIELDS_BY_CODE));
    }
  });

  /** The conversation page; its newest page marks it read, so the header's count is taken again after. */
  async function renderConversation(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    o: {
      before?: string;
      composer?: ComposerState & { error?: FailedForm };
      flag?: { error: FailedForm; reason: string };
    } = {},
  ) {
    const user = currentUser(request);
    const ctx = pageContext(request, reply, config);
    const page: ConversationPageDto = await getConversation(deps, user, id, o.before ? { before: o.before } : {});
    if (!o.before && ctx.header) {
      ctx.header = { ...ctx.header, unreadConversations: await unreadConversationCount(deps, user) };
    }
    const body = conversationPage(ctx, {
      page,
      older: Boolean(o.before),
      composer: o.composer ?? { body: '' },
      flagError: o.flag?.error.message ?? null,
      ...(o.flag ? { flagReason: o.flag.reason } : {}),
    });
    const status = o.composer?.error?.status ?? o.flag?.error.status;
    return sendPage(reply, ctx, page.conversation.title, body, status, SCRIPTS);
  }

  app.get<{ Params: { id: string }; Querystring: { prima?: string } }>('/conversazioni/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const before = request.query.prima;
    return renderConversation(request, reply, id, before ? { before } : {});
  });

  app.post<{ Params: { id: string } }>('/conversazioni/:id/messaggi', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const body = form.secret('body');
    if (form.text('intent') === 'preview') {
      return renderConversation(request, reply, id, { composer: { body, previewHtml: preview(body) } });
    }
    try {
      const message = await postConversationMessage(deps, currentUser(request), id, { body });
      return seeOther(reply, `/conversazioni/${id}#m-${message.id}`);
    } catch (caught) {
      const error = toFormError(ctx, caught, ['body'], FIELDS_BY_CODE);
      // Someone no longer in it gets the not-found page, as for reading it.
      if (error.status === 404) throw caught;
      return renderConversation(request, reply, id, { composer: { body, error } });
    }
  });

  app.post<{ Params: { id: string } }>('/conversazioni/:id/lascia', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    if (readForm(request.body).text(CONFIRMED) !== '1') {
      const ctx = pageContext(request, reply, config);
      const { conversation } = await getConversation(deps, user, id);
      const title = ctx.t('conversations.leaveConfirm', { title: conversation.title });
      const page = confirmPage(ctx, {
        title,
        intro: ctx.t('conversations.leaveIntro'),
        action: `/conversazioni/${id}/lascia`,
        submit: ctx.t('conversations.leave'),
        cancel: `/conversazioni/${id}`,
      });
      return sendPage(reply, ctx, title, page);
    }
    await leaveConversation(deps, user, id);
    setFlash(reply, { key: 'flash.conversationLeft' }, secure);
    return seeOther(reply, '/conversazioni');
  });

  app.post<{ Params: { id: string } }>('/conversazioni/:id/segnala', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const reason = readForm(request.body).text('reason');
    try {
      await flagConversation(deps, currentUser(request), id, reason);
    } catch (caught) {
      const error = toFormError(ctx, caught, ['reason']);
      if (error.status === 404) throw caught;
      return renderConversation(request, reply, id, { flag: { error, reason } });
    }
    setFlash(reply, { key: 'flash.conversationFlagged' }, secure);
    return seeOther(reply, `/conversazioni/${id}`);
  });
};

export default conversationRoutes;
