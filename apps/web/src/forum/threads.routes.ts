import {
  AppError,
  acceptAnswer,
  getDraft,
  handBackQuestion,
  listFocusAreas,
  reply as postReply,
  quotePost,
  readPost,
  saveDraft,
  updateThread,
} from '@hubspoke/domain';
import type { MessageKey } from '@hubspoke/i18n';
import { renderMarkdown } from '@hubspoke/markdown';
import type { FastifyPluginAsync } from 'fastify';
import { pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, type Form, idParam, readForm, safeNext, seeOther } from '../respond.js';
import { formError, toFormError } from '../ui/form-errors.js';
import type { WebOptions } from '../web-options.js';
import { afterParam, postHref } from './post-lookup.js';
import { renderThread } from './thread-render.js';
import { SLOW_MODE_CHOICES } from './thread-tools.view.js';

type ThreadRequest = { Params: { id: string }; Querystring: { dopo?: string; cita?: string; rispondi?: string } };

type ThreadChanges = Parameters<typeof updateThread>[3];

/** What each button of the moderators' panel changes, and what the page says after. */
const MODERATION: Record<string, { changes: (form: Form) => ThreadChanges | undefined; flash: MessageKey }> = {
  pin: { changes: () => ({ pinned: true }), flash: 'flash.threadPinned' },
  unpin: { changes: () => ({ pinned: false }), flash: 'flash.threadUnpinned' },
  lock: { changes: () => ({ locked: true }), flash: 'flash.threadLocked' },
  unlock: { changes: () => ({ locked: false }), flash: 'flash.threadUnlocked' },
  slow: {
    changes: (form) => {
      const value = form.text('slowModeMinutes');
      const minutes = Number(value);
      if (value === '') return { slowModeMinutes: null };
      return SLOW_MODE_CHOICES.includes(minutes) ? { slowModeMinutes: minutes } : undefined;
    },
    flash: 'flash.slowModeSaved',
  },
  move: {
    changes: (form) => {
      const tableId = form.id('tableId');
      const focusArea = form.text('focusArea');
      return tableId && focusArea ? { tableId, focusArea } : undefined;
    },
    flash: 'flash.threadMoved',
  },
};

/** A thread page, replying to it, and the moderators' pin, lock and move. */
const threadRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps }) => {
  const { config } = deps;

  app.get<ThreadRequest>('/discussioni/:id', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const user = currentUser(request);
    const quoted = idParam(request.query.cita);
    const answered = quoted ?? idParam(request.query.rispondi) ?? null;
    // A post that cannot be quoted (gone, hidden, elsewhere) just leaves the composer empty.
    const quote = quoted
      ? await quotePost(deps, user, quoted).catch((error: unknown) => {
          if (error instanceof AppError && error.status < 500) return '';
          throw error;
        })
      : '';
    // What the person left unposted comes back, unless they came to quote something.
    const draft = quote ? null : await getDraft(deps, user, { threadId: id });
    const composer = {
      body: quote ? `${quote}\n\n` : (draft?.body ?? ''),
      replyTo: answered,
      ...(draft ? { draftSavedAt: draft.updatedAt } : {}),
    };
    return renderThread(deps, request, reply, { id, after: afterParam(request.query.dopo), composer });
  });

  app.post<{ Params: { id: string } }>('/discussioni/:id/risposte', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const ctx = pageContext(request, reply, config);
    const form = readForm(request.body);
    const body = form.secret('body');
    const input = { body, replyTo: form.id('replyTo') ?? null };
    const after = afterParam(form.text('after'));
    if (form.text('intent') === 'preview') {
      const previewHtml = renderMarkdown(body, { publicOrigin: config.publicOrigin });
      return renderThread(deps, request, reply, { id, after, composer: { ...input, previewHtml } });
    }
    if (form.text('intent') === 'draft') {
      try {
        await saveDraft(deps, currentUser(request), { threadId: id }, { body });
      } catch (caught) {
        const error = toFormError(ctx, caught, ['body']);
        return renderThread(deps, request, reply, { id, after, composer: { ...input, error } });
      }
      setFlash(reply, { key: 'flash.draftSaved' }, config.secureCookies);
      return seeOther(reply, `/discussioni/${id}${after ? `?dopo=${after}` : ''}#reply`);
    }
    if (!body.trim()) {
      return renderThread(deps, request, reply, {
        id,
        after,
        composer: { ...input, error: formError(ctx, 'error.required', ['body']) },
      });
    }
    try {
      const post = await postReply(deps, currentUser(request), id, input);
      return seeOther(reply, postHref(id, post.number));
    } catch (caught) {
      const error = toFormError(ctx, caught, ['body']);
      return renderThread(deps, request, reply, { id, after, composer: { ...input, error } });
    }
  });

  app.post<{ Params: { id: string } }>('/discussioni/:id/risposta-accettata', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const postId = readForm(request.body).id('postId');
    if (!postId) throw new AppError(400, 'invalid_request', 'Choose a reply to accept');
    const user = currentUser(request);
    await acceptAnswer(deps, user, id, postId);
    const { post } = await readPost(deps, user, postId);
    setFlash(reply, { key: 'flash.answerAccepted' }, config.secureCookies);
    return seeOther(reply, postHref(id, post.number));
  });

  app.post<{ Params: { id: string } }>('/discussioni/:id/restituisci', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    await handBackQuestion(deps, currentUser(request), id);
    setFlash(reply, { key: 'flash.questionHandedBack' }, config.secureCookies);
    return seeOther(reply, `/discussioni/${id}`);
  });

  app.post<{ Params: { id: string } }>('/discussioni/:id/moderazione', async (request, reply) => {
    const id = idParam(request.params.id);
    if (!id) return reply.callNotFound();
    const form = readForm(request.body);
    const name = form.text('action');
    const action = Object.hasOwn(MODERATION, name) ? MODERATION[name] : undefined;
    const changes = action?.changes(form);
    if (!action || !changes) throw new AppError(400, 'invalid_request', 'Unknown moderation action');
    if (changes.focusArea !== undefined && !(await listFocusAreas(deps)).some((a) => a.slug === changes.focusArea)) {
      throw new AppError(400, 'invalid_request', 'Unknown focus area');
    }
    await updateThread(deps, currentUser(request), id, changes, form.text('reason'));
    setFlash(reply, { key: action.flash }, config.secureCookies);
    return seeOther(reply, safeNext(form.text('next'), `/discussioni/${id}`));
  });
};

export default threadRoutes;
