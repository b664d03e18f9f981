import type { ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { select } from '../ui/form.js';
import { html } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { watchLevelForm } from './watch-level.view.js';

export interface ToolsView {
  thread: ThreadDto;
  /** This page's address, where the forms come back to. */
  pageHref: string;
  moderates: boolean;
  canRetitle: boolean;
  /** Tables a moderator may move the thread into, and the focus areas. */
  moveTargets: ReadonlyArray<{ id: number; name: string }>;
  focusAreas: ReadonlyMap<string, string>;
}

function bookmarkForm(ctx: PageContext, view: ToolsView) {
  const { t } = ctx;
  const on = view.thread.bookmarked;
  return html`<form method="post" action="/discussioni/${view.thread.id}/segnalibro">
    <input type="hidden" name="next" value="${view.pageHref}"><input type="hidden" name="on" value="${on ? '0' : '1'}">
    <button type="submit" class="btn btn-sm ${on ? 'btn-primary' : 'btn-outline-primary'}" aria-pressed="${on ? 'true' : 'false'}">
      ${icon('bookmark', 'icon-sm me-1')}${t('thread.bookmark')}
    </button>
  </form>`;
}

/** Why a moderator locks or moves: optional, and sent to the author. */
export const reasonField = (ctx: PageContext, id: string) =>
  html`<div class="form-group w-100 mb-2"><label for="${id}" class="active">${ctx.t('moderation.reasonField')}</label>
    <input type="text" id="${id}" name="reason" class="form-control" maxlength="500"></div>`;

/** The paces a moderator picks from for slow mode, in minutes. */
export const SLOW_MODE_CHOICES = [1, 5, 15, 30, 60, 240, 1440];

function slowModeForm(ctx: PageContext, view: ToolsView, action: string) {
  const { t } = ctx;
  return html`<form method="post" action="${action}" class="d-flex flex-wrap gap-2 align-items-end mb-3">
    <input type="hidden" name="next" value="${view.pageHref}"><input type="hidden" name="action" value="slow">
    ${select(ctx, {
      id: 'slow-mode',
      name: 'slowModeMinutes',
      label: t('moderation.slowMode'),
      selected: view.thread.slowModeMinutes === null ? '' : String(view.thread.slowModeMinutes),
      options: [
        { value: '', label: t('moderation.slowModeOff') },
        ...SLOW_MODE_CHOICES.map((minutes) => ({
          value: String(minutes),
          label: t('moderation.slowModeEvery', { minutes }),
        })),
      ],
    })}
    <button type="submit" class="btn btn-sm btn-outline-primary">${t('moderation.slowModeSave')}</button>
  </form>`;
}

/** Pin, lock, slow mode and move, for the moderators of the thread's table. */
function moderationPanel(ctx: PageContext, view: ToolsView) {
  const { t } = ctx;
  const { thread } = view;
  const action = `/discussioni/${thread.id}/moderazione`;
  const toggle = (name: string, label: string) =>
    html`<button type="submit" name="action" value="${name}" class="btn btn-sm btn-outline-primary">${label}</button>`;
  return html`<details class="moderation-panel">
    <summary class="btn btn-sm btn-outline-secondary">${icon('settings', 'icon-sm me-1')}${t('moderation.tools')}</summary>
    <div class="moderation-panel-body">
      <form method="post" action="${action}" class="d-flex flex-wrap gap-2 mb-3">
        <input type="hidden" name="next" value="${view.pageHref}">
        ${thread.pinned ? toggle('unpin', t('moderation.unpin')) : toggle('pin', t('moderation.pin'))}
        ${thread.locked ? toggle('unlock', t('moderation.unlock')) : toggle('lock', t('moderation.lock'))}
        ${thread.locked ? '' : reasonField(ctx, 'lock-reason')}
      </form>
      ${slowModeForm(ctx, view, action)}
      <form method="post" action="${action}">
        <input type="hidden" name="next" value="${view.pageHref}"><input type="hidden" name="action" value="move">
        ${select(ctx, {
          id: 'move-table',
          name: 'tableId',
          label: t('moderation.moveTable'),
          selected: String(thread.tableId),
          options: view.moveTargets.map((table) => ({ value: String(table.id), label: table.name })),
        })}
        ${select(ctx, {
          id: 'move-area',
          name: 'focusArea',
          label: t('moderation.moveArea'),
          selected: thread.focusArea,
          options: [...view.focusAreas].map(([value, label]) => ({ value, label })),
        })}
        ${reasonField(ctx, 'move-reason')}
        <button type="submit" class="btn btn-sm btn-primary">${t('moderation.move')}</button>
      </form>
    </div>
  </details>`;
}

/** The reader's own controls for the thread (bookmark, follow), then the moderators' tools. */
export function threadTools(ctx: PageContext, view: ToolsView) {
  const { t } = ctx;
  // Open without JavaScript; on a phone menu.js folds it, so the first screen shows posts, not tools.
  return html`<details class="thread-tools-fold mb-4" open data-fold-on-phone>
    <summary class="thread-tools-toggle btn btn-sm btn-outline-secondary mb-2">${t('thread.tools')}</summary>
    <div class="thread-tools d-flex flex-wrap gap-3 align-items-end">
    ${bookmarkForm(ctx, view)}
    ${watchLevelForm(ctx, {
      id: 'thread-watch',
      action: `/discussioni/${view.thread.id}/notifiche`,
      level: view.thread.subscription,
      hint: t('watch.threadHint'),
      next: view.pageHref,
    })}
    ${view.canRetitle ? html`<a class="btn btn-sm btn-outline-primary" href="/discussioni/${view.thread.id}/titolo">${icon('pencil', 'icon-sm me-1')}${t('thread.retitle')}</a>` : ''}
    ${view.moderates ? moderationPanel(ctx, view) : ''}
    </div>
  </details>`;
}
