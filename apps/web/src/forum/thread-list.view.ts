import type { ThreadDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { html, raw } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { timeTag } from '../ui/time.js';

/** Names for the labels a thread row shows: its table (on focus pages) and its focus area. */
export interface ListNames {
  tables?: ReadonlyMap<number, string>;
  focusAreas: ReadonlyMap<string, string>;
}

function badges(ctx: PageContext, thread: ThreadDto, names: ListNames) {
  const { t } = ctx;
  const table = names.tables?.get(thread.tableId);
  return html`<div class="d-flex flex-wrap gap-2 mb-1 small">
    ${thread.pinned ? html`<span class="label label-pinned">${icon('pin', 'icon-xs me-1')}${t('thread.pinned')}</span>` : ''}
    ${thread.locked ? html`<span class="label label-locked">${icon('locked', 'icon-xs me-1')}${t('thread.locked')}</span>` : ''}
    ${thread.kind === 'discussion' ? '' : html`<span class="label">${t(`threadKind.${thread.kind}`)}</span>`}
    <span class="label label-area">${names.focusAreas.get(thread.focusArea) ?? thread.focusArea}</span>
    ${table ? html`<a class="label label-table" href="/tavoli/${thread.tableId}">${table}</a>` : ''}
    ${thread.bookmarked ? html`<span class="label">${t('thread.bookmarked')}</span>` : ''}
  </div>`;
}

/** Unread news first: a count once the thread has been opened, "new" before that. */
function unread(ctx: PageContext, thread: ThreadDto) {
  const { t } = ctx;
  const parts = [];
  if (thread.lastReadPostNumber === null) parts.push(html`<span class="count-badge">${t('threads.unopened')}</span>`);
  else if (thread.unreadCount > 0)
    parts.push(html`<span class="count-badge">${t('threads.unread', { count: thread.unreadCount })}</span>`);
  if (thread.newSinceLastVisit) parts.push(html`<span class="new-mark">${t('threads.newSinceVisit')}</span>`);
  return parts.length ? html`<div class="d-flex flex-wrap gap-2 align-items-center">${parts}</div>` : '';
}

function threadItem(ctx: PageContext, thread: ThreadDto, names: ListNames, level: 2 | 3) {
  const { t } = ctx;
  const h = raw(`h${level}`);
  const replies = thread.postCount - 1;
  return html`<li class="thread-item${thread.newSinceLastVisit ? ' thread-item-new' : ''}">
    ${badges(ctx, thread, names)}
    <${h} class="h5 mb-1 thread-title"><a href="/discussioni/${thread.id}">${thread.title}</a></${h}>
    <p class="small text-secondary mb-1">
      ${t('threads.startedBy', { name: thread.author.displayName })} ·
      ${t('threads.replies', { count: replies })} ·
      ${t('threads.lastActivity')} ${timeTag(ctx, thread.lastActivityAt)}
    </p>
    ${unread(ctx, thread)}
  </li>`;
}

export interface ThreadListOptions {
  threads: readonly ThreadDto[];
  names: ListNames;
  /** The "older threads" link, keeping the page's filters; null on the last page. */
  moreHref: string | null;
  /** Back to the first page, when this is not it. */
  firstHref: string | null;
  level: 2 | 3;
}

/** Threads as a list: pinned ones come first from the service, then by last activity. */
export function threadList(ctx: PageContext, o: ThreadListOptions) {
  const { t } = ctx;
  if (o.threads.length === 0 && !o.firstHref) return html`<p class="mt-3">${t('threads.empty')}</p>`;
  return html`<ul class="thread-list list-unstyled mb-3">${o.threads.map((thread) => threadItem(ctx, thread, o.names, o.level))}</ul>
    <nav class="d-flex flex-wrap gap-3" aria-label="${t('threads.pages')}">
      ${o.firstHref ? html`<a href="${o.firstHref}">${t('threads.first')}</a>` : ''}
      ${o.moreHref ? html`<a class="btn btn-outline-primary btn-sm" href="${o.moreHref}">${t('threads.more')}</a>` : ''}
    </nav>`;
}
