import type { UserRow } from '@hubspoke/db';
import type { ActivityDto, SurveyListItemDto } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { postHref } from '../forum/post-lookup.js';
import { surveyItem } from '../surveys/surveys.page.js';
import { section } from '../ui/cards.js';
import { html } from '../ui/html.js';
import { icon } from '../ui/icon.js';
import { timeTag } from '../ui/time.js';
import { type ListedTable, tablesByKind } from './tables.view.js';

export interface FocusArea {
  slug: string;
  name_it: string;
  name_en: string;
  description_it: string;
  description_en: string;
}

const FOCUS_ICONS: Record<string, string> = { cultura: 'star-outline', innovazione: 'software' };

function focusAreas(ctx: PageContext, areas: readonly FocusArea[]) {
  const en = ctx.locale === 'en';
  return html`<ul class="row list-unstyled mb-0">
    ${areas.map(
      (area) => html`<li class="col-12 col-md-6 mb-4">
        <div class="card card-bg no-after h-100 focus-card focus-${area.slug}">
          <div class="card-body">
            <h3 class="card-title h5">${icon(FOCUS_ICONS[area.slug] ?? 'star-outline', 'icon-primary me-2')}<a href="/aree/${area.slug}" class="stretched-link">${en ? area.name_en : area.name_it}</a></h3>
            <p class="card-text">${en ? area.description_en : area.description_it}</p>
          </div>
        </div>
      </li>`,
    )}
  </ul>`;
}

/** Shown on the home page: at most this many lines, one per run of posts in the same thread. */
export const HOME_ACTIVITY_LINES = 10;

/**
 * Posts in a row from one thread make one line: the newest says who and when, the link opens at
 * the oldest of them, where reading should start.
 */
function activityLines(items: readonly ActivityDto[]) {
  const lines: Array<{ newest: ActivityDto; oldest: ActivityDto; count: number }> = [];
  for (const item of items) {
    const last = lines.at(-1);
    if (last && last.newest.threadId === item.threadId) {
      last.oldest = item;
      last.count++;
    } else if (lines.length < HOME_ACTIVITY_LINES) {
      lines.push({ newest: item, oldest: item, count: 1 });
    } else break;
  }
  return lines;
}

/** The newest threads and replies the reader may read, each linking to its post. */
function latestActivity(ctx: PageContext, items: readonly ActivityDto[]) {
  const { t } = ctx;
  if (items.length === 0) return html`<p>${t('home.activityEmpty')}</p>`;
  return html`<ul class="list-unstyled thread-list mb-0">
    ${activityLines(items).map(
      ({ newest, oldest, count }) => html`<li class="thread-item" data-activity-post="${newest.postId}">
        <p class="mb-1 thread-title"><a href="${postHref(oldest.threadId, oldest.postNumber)}">${newest.threadTitle}</a></p>
        <p class="small text-secondary mb-0">
          ${t(newest.opensThread ? 'home.activityOpened' : 'home.activityReplied', { name: newest.author.displayName })}
          ${count > 1 ? html`(${t('home.activityMore', { count: String(count) })})` : ''} ·
          <a href="/tavoli/${newest.table.id}">${newest.table.name}</a> · ${timeTag(ctx, newest.createdAt)}
        </p>
      </li>`,
    )}
  </ul>`;
}

export interface HomeView {
  user: UserRow;
  areas: readonly FocusArea[];
  myTables: readonly ListedTable[];
  activity: readonly ActivityDto[];
  /** Open questionnaires I (or my ente) have not answered yet. */
  surveys: readonly SurveyListItemDto[];
}

export function homePage(ctx: PageContext, view: HomeView) {
  const { t } = ctx;
  const tables = view.myTables.length
    ? tablesByKind(ctx, view.myTables, { level: 3 })
    : html`<p>${t('home.noTables')}</p>`;
  return html`<h1 class="mb-2">${t('home.title', { name: view.user.display_name })}</h1>
    <p class="lead mb-5">${t('home.intro')}</p>
    ${
      view.surveys.length
        ? section(
            'pending-surveys',
            t('surveys.pending'),
            html`<ul class="list-unstyled">${view.surveys.map((s) => surveyItem(ctx, s))}</ul>
            <p><a class="btn btn-outline-primary btn-sm" href="/questionari">${t('surveys.title')}</a></p>`,
          )
        : ''
    }
    ${section(
      'my-tables',
      t('home.myTables'),
      html`${tables}
      <p class="mt-2"><a class="btn btn-outline-primary" href="/tavoli">${t('home.allTables')}</a></p>`,
    )}
    ${section('latest-activity', t('home.activity'), latestActivity(ctx, view.activity))}
    ${section('focus-areas', t('home.focusAreas'), focusAreas(ctx, view.areas))}`;
}
