import type { DocumentKind } from '@hubspoke/db';
import { DOCUMENT_KINDS, type PathDto, type ProductDueDto, type SessionDto } from '@hubspoke/domain';
import { intlLocale } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { section } from '../ui/cards.js';
import { errorIdFor, type FormError, formErrorMessage, label, requiredNote, select, submit } from '../ui/form.js';
import { attr, html, type SafeHtml } from '../ui/html.js';
import { type ProductFields, romeInputs, type SessionFields } from './path-forms.js';

export interface PathPerson {
  id: number;
  display_name: string;
}

/** A form the service refused, shown again with what was typed and the reason. */
export interface FailedPathForm {
  /** `new-session`, `session-<id>`, `new-product` or `attendance-<id>`. */
  form: string;
  error: FormError;
  session?: SessionFields;
  product?: ProductFields;
  attendees?: readonly number[];
}

export interface PathPageView {
  table: { id: number; name: string };
  path: PathDto;
  /** Who took part in each session already held (only for those who plan the path). */
  attendance: ReadonlyMap<number, readonly number[]>;
  /** The table's people, who may be marked present. */
  people: readonly PathPerson[];
  calendar: { tableFeed: string; personalFeed: string; token?: string | undefined };
  failed?: FailedPathForm | undefined;
}

const pathUrl = (tableId: number) => `/tavoli/${tableId}/percorso`;

const romeFormats = new Map<string, { moment: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();
function formats(ctx: PageContext) {
  let found = romeFormats.get(ctx.locale);
  if (!found) {
    const tag = intlLocale[ctx.locale];
    found = {
      moment: new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Rome' }),
      day: new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }),
    };
    romeFormats.set(ctx.locale, found);
  }
  return found;
}

/** A session's start, in Rome, where the programme happens. */
const romeMoment = (ctx: PageContext, iso: string) =>
  html`<time datetime="${iso}">${formats(ctx).moment.format(new Date(iso))}</time>`;

/** A calendar day (`2027-06-30`), the same wherever the reader is. */
const calendarDay = (ctx: PageContext, day: string) =>
  html`<time datetime="${day}">${formats(ctx).day.format(new Date(`${day}T00:00:00Z`))}</time>`;

const isHttps = (url: string) => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

interface InputOptions {
  id: string;
  name: string;
  label: string;
  type: 'text' | 'date' | 'time' | 'number' | 'url';
  value: string;
  required?: boolean;
  hint?: string;
  errorId?: string | undefined;
  extra?: SafeHtml;
}

function input(ctx: PageContext, o: InputOptions) {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  const described = [hintId, o.errorId].filter(Boolean).join(' ');
  return html`<div class="form-group">
    ${label(ctx, o.id, o.label, o.required)}
    <input type="${o.type}" id="${o.id}" name="${o.name}" class="form-control${o.errorId ? ' is-invalid' : ''}" value="${o.value}"${attr(
      'required',
      o.required ?? false,
    )}${o.extra ?? ''}${described ? html` aria-describedby="${described}"` : ''}${o.errorId ? html` aria-invalid="true"` : ''}>
    ${o.hint ? html`<small id="${hintId}" class="form-text">${o.hint}</small>` : ''}
  </div>`;
}

const dimensionOptions = (view: PathPageView) => view.path.modules.map((m) => ({ value: m.dimension, label: m.name }));

/** The session form, empty to add one or filled to change one. */
function sessionForm(ctx: PageContext, view: PathPageView, formId: string, action: string, fields: SessionFields) {
  const { t } = ctx;
  const error = view.failed?.form === formId ? view.failed.error : undefined;
  const err = (name: string) => errorIdFor(formId, error, name);
  const isNew = formId === 'new-session';
  return html`${formErrorMessage(ctx, formId, error)}
    <form method="post" action="${action}" id="${formId}" novalidate>
      ${input(ctx, { id: `${formId}-title`, name: 'title', label: t('path.field.title'), type: 'text', value: fields.title, required: true, errorId: err('title'), extra: html` maxlength="200"` })}
      ${select(ctx, {
        id: `${formId}-dimension`,
        name: 'dimension',
        label: t('path.field.dimension'),
        options: dimensionOptions(view),
        selected: fields.dimension,
        required: true,
        errorId: err('dimension'),
      })}
      <div class="row">
        <div class="col-12 col-md-6">${input(ctx, { id: `${formId}-date`, name: 'date', label: t('path.field.date'), type: 'date', value: fields.date, required: true, errorId: err('date') })}</div>
        <div class="col-12 col-md-6">${input(ctx, { id: `${formId}-time`, name: 'time', label: t('path.field.time'), type: 'time', value: fields.time, required: true, hint: t('path.field.timeHint'), errorId: err('time') })}</div>
      </div>
      ${input(ctx, { id: `${formId}-days`, name: 'days', label: t('path.field.days'), type: 'number', value: fields.days, required: true, hint: t('path.field.daysHint'), errorId: err('days'), extra: html` min="0.5" max="30" step="0.5" inputmode="decimal"` })}
      ${input(ctx, { id: `${formId}-place`, name: 'place', label: t('path.field.place'), type: 'text', value: fields.place, hint: t('path.field.placeHint'), errorId: err('place'), extra: html` maxlength="300"` })}
      ${input(ctx, { id: `${formId}-online`, name: 'online', label: t('path.field.online'), type: 'url', value: fields.online, hint: t('path.field.onlineHint'), errorId: err('online'), extra: html` maxlength="500"` })}
      ${submit(isNew ? t('path.newSessionSubmit') : t('path.saveSession'))}
    </form>`;
}

function fieldsOf(session: SessionDto): SessionFields {
  const { date, time } = romeInputs(session.startsAt);
  return {
    title: session.title,
    dimension: session.dimension,
    date,
    time,
    days: String(session.days),
    place: session.place ?? '',
    online: session.online ?? '',
  };
}

function attendanceForm(ctx: PageContext, view: PathPageView, session: SessionDto) {
  const { t } = ctx;
  const formId = `attendance-${session.id}`;
  const failed = view.failed?.form === formId ? view.failed : undefined;
  const chosen = new Set(failed?.attendees ?? view.attendance.get(session.id) ?? []);
  const known = new Set(view.people.map((p) => p.id));
  const others = [...(view.attendance.get(session.id) ?? [])].filter((id) => !known.has(id));
  const box = (id: number, name: string) => html`<div class="form-check">
      <input class="form-check-input" type="checkbox" id="${formId}-${id}" name="userIds" value="${id}"${attr('checked', chosen.has(id))}>
      <label class="form-check-label" for="${formId}-${id}">${name}</label>
    </div>`;
  const count = view.attendance.get(session.id)?.length ?? 0;
  return html`<details class="mt-2"${attr('open', Boolean(failed))}>
    <summary>${t('path.attendance')} (${count})</summary>
    ${formErrorMessage(ctx, formId, failed?.error)}
    <form method="post" action="${pathUrl(view.table.id)}/sessioni/${session.id}/presenze" id="${formId}" class="mt-2">
      <fieldset class="mb-3">
        <legend class="h6">${t('path.attendanceLegend', { title: session.title })}</legend>
        ${view.people.length || others.length ? '' : html`<p>${t('path.attendanceNobody')}</p>`}
        ${view.people.map((p) => box(p.id, p.display_name))}
        ${others.map((id) => box(id, t('path.attendanceOther', { id })))}
      </fieldset>
      <button type="submit" class="btn btn-outline-primary btn-sm">${t('path.attendanceSave')}</button>
    </form>
  </details>`;
}

function manageSession(ctx: PageContext, view: PathPageView, session: SessionDto) {
  const { t } = ctx;
  const formId = `session-${session.id}`;
  const failed = view.failed?.form === formId ? view.failed : undefined;
  const base = `${pathUrl(view.table.id)}/sessioni/${session.id}`;
  return html`<details class="mt-2"${attr('open', Boolean(failed))}>
      <summary>${t('path.editSessionSummary', { title: session.title })}</summary>
      <div class="mt-2">${sessionForm(ctx, view, formId, base, failed?.session ?? fieldsOf(session))}</div>
    </details>
    ${session.past ? attendanceForm(ctx, view, session) : ''}
    <form method="post" action="${base}/elimina" class="mt-2">
      <button type="submit" class="btn btn-outline-danger btn-xs" aria-label="${t('path.deleteSessionLabel', { title: session.title })}">${t('path.deleteSession')}</button>
    </form>`;
}

function presence(ctx: PageContext, session: SessionDto) {
  if (!session.past) return '';
  if (session.attended)
    return html`<p class="mb-1"><span class="badge bg-success">${ctx.t('path.attended')}</span></p>`;
  // An absence shows once attendance was taken; before that, nothing is known.
  return session.attendanceTaken
    ? html`<p class="mb-1"><span class="badge bg-secondary">${ctx.t('path.absent')}</span></p>`
    : '';
}

function sessionItem(ctx: PageContext, view: PathPageView, session: SessionDto) {
  const { t } = ctx;
  const online = session.online
    ? isHttps(session.online)
      ? html`<a href="${session.online}" rel="noopener noreferrer">${session.online}</a>`
      : session.online
    : '';
  return html`<li class="list-group-item py-3" id="sessione-${session.id}">
    <h4 class="h6 mb-2">${session.title}</h4>
    ${presence(ctx, session)}
    <dl class="row mb-0 small">
      <dt class="col-sm-3">${t('path.when')}</dt><dd class="col-sm-9">${romeMoment(ctx, session.startsAt)}</dd>
      <dt class="col-sm-3">${t('path.length')}</dt><dd class="col-sm-9">${t('path.days', { days: session.days })}</dd>
      ${session.place ? html`<dt class="col-sm-3">${t('path.place')}</dt><dd class="col-sm-9">${session.place}</dd>` : ''}
      ${online ? html`<dt class="col-sm-3">${t('path.online')}</dt><dd class="col-sm-9">${online}</dd>` : ''}
    </dl>
    ${view.path.canManage ? manageSession(ctx, view, session) : ''}
  </li>`;
}

function sessionList(ctx: PageContext, view: PathPageView, heading: string, sessions: readonly SessionDto[]) {
  if (sessions.length === 0) return '';
  return html`<h3 class="h5 mt-3">${heading}</h3>
    <ul class="list-group mb-3">${sessions.map((s) => sessionItem(ctx, view, s))}</ul>`;
}

function status(ctx: PageContext, product: ProductDueDto) {
  const { t } = ctx;
  const word = product.status
    ? html`<span class="label label-document-${product.status}">${t(`documentStatus.${product.status}`)}</span>`
    : html`<span class="text-secondary">${t('path.notUploaded')}</span>`;
  return html`${word}${product.overdue ? html` <span class="badge bg-danger">${t('path.overdue')}</span>` : ''}`;
}

function productTable(ctx: PageContext, view: PathPageView, module: PathDto['modules'][number]) {
  const { t } = ctx;
  if (module.products.length === 0) return html`<p class="small text-secondary">${t('path.noProducts')}</p>`;
  const manage = view.path.canManage;
  return html`<div class="table-responsive"><table class="table table-sm">
    <caption class="visually-hidden">${t('path.productsCaption', { dimension: module.name })}</caption>
    <thead><tr>
      <th scope="col">${t('path.productKind')}</th>
      <th scope="col">${t('path.productDue')}</th>
      <th scope="col">${t('path.productStatus')}</th>
      ${manage ? html`<th scope="col"><span class="visually-hidden">${t('path.productActions')}</span></th>` : ''}
    </tr></thead>
    <tbody>${module.products.map(
      (p) => html`<tr>
        <th scope="row">${t(`documentKind.${p.documentKind}`)}</th>
        <td>${calendarDay(ctx, p.dueAt)}</td>
        <td>${status(ctx, p)}</td>
        ${
          manage
            ? html`<td class="text-end"><form method="post" action="${pathUrl(view.table.id)}/prodotti/${p.id}/elimina">
                <button type="submit" class="btn btn-outline-danger btn-xs" aria-label="${t('path.deleteProductLabel', {
                  kind: t(`documentKind.${p.documentKind}`),
                  dimension: module.name,
                })}">${t('path.deleteProduct')}</button></form></td>`
            : ''
        }
      </tr>`,
    )}</tbody>
  </table></div>`;
}

function moduleSection(ctx: PageContext, view: PathPageView, module: PathDto['modules'][number]) {
  const { t } = ctx;
  const coming = module.sessions.filter((s) => !s.past);
  const held = module.sessions.filter((s) => s.past);
  return section(
    `dimensione-${module.dimension}`,
    module.name,
    html`${module.sessions.length === 0 ? html`<p>${t('path.dimensionEmpty')}</p>` : ''}
      ${sessionList(ctx, view, t('path.coming'), coming)}
      ${sessionList(ctx, view, t('path.held'), held)}
      <h3 class="h5 mt-3">${t('path.products')}</h3>
      ${productTable(ctx, view, module)}`,
  );
}

function productForm(ctx: PageContext, view: PathPageView) {
  const { t } = ctx;
  const formId = 'new-product';
  const failed = view.failed?.form === formId ? view.failed : undefined;
  const fields = failed?.product ?? { dimension: '', documentKind: '', dueAt: '' };
  const err = (name: string) => errorIdFor(formId, failed?.error, name);
  return html`${formErrorMessage(ctx, formId, failed?.error)}
    <form method="post" action="${pathUrl(view.table.id)}/prodotti" id="${formId}" novalidate>
      ${select(ctx, {
        id: `${formId}-dimension`,
        name: 'dimension',
        label: t('path.field.dimension'),
        options: dimensionOptions(view),
        selected: fields.dimension,
        required: true,
        errorId: err('dimension'),
      })}
      ${select(ctx, {
        id: `${formId}-kind`,
        name: 'documentKind',
        label: t('path.field.kind'),
        options: DOCUMENT_KINDS.map((k: DocumentKind) => ({ value: k, label: t(`documentKind.${k}`) })),
        selected: fields.documentKind,
        required: true,
        errorId: err('documentKind'),
      })}
      ${input(ctx, { id: `${formId}-due`, name: 'dueAt', label: t('path.field.due'), type: 'date', value: fields.dueAt, required: true, errorId: err('dueAt') })}
      ${submit(t('path.newProductSubmit'))}
    </form>`;
}

function manageSection(ctx: PageContext, view: PathPageView) {
  const { t } = ctx;
  const failed = view.failed?.form === 'new-session' ? view.failed : undefined;
  const empty: SessionFields = { title: '', dimension: '', date: '', time: '09:30', days: '1', place: '', online: '' };
  return section(
    'gestione',
    t('path.manage'),
    html`${requiredNote(ctx)}
      <div class="row">
        <div class="col-12 col-lg-7 mb-4">
          <h3 class="h5">${t('path.newSession')}</h3>
          ${sessionForm(ctx, view, 'new-session', `${pathUrl(view.table.id)}/sessioni`, failed?.session ?? empty)}
        </div>
        <div class="col-12 col-lg-5 mb-4">
          <h3 class="h5">${t('path.newProduct')}</h3>
          ${productForm(ctx, view)}
        </div>
      </div>`,
  );
}

function calendarSection(ctx: PageContext, view: PathPageView) {
  const { t } = ctx;
  const { calendar } = view;
  const secret = (id: string, text: string, url: string) => html`<div class="form-group">
      <label for="${id}" class="active">${text}</label>
      <input type="text" id="${id}" class="form-control font-monospace" readonly value="${url}" aria-describedby="calendar-new-hint">
    </div>`;
  const withToken = (url: string, token: string) => `${url}?token=${encodeURIComponent(token)}`;
  return section(
    'calendario',
    t('path.calendar'),
    html`<p>${t('path.calendarIntro')}</p>
      ${
        calendar.token
          ? html`<div class="callout note mb-4"><div class="callout-inner">
              ${secret('calendar-new-personal', t('path.calendarNewPersonal'), withToken(calendar.personalFeed, calendar.token))}
              ${secret('calendar-new-table', t('path.calendarNewTable'), withToken(calendar.tableFeed, calendar.token))}
              <p class="small mb-0" id="calendar-new-hint">${t('path.calendarNewHint')}</p>
            </div></div>`
          : ''
      }
      <ul class="list-unstyled">
        <li class="mb-2">${t('path.calendarTable')}: <a href="${calendar.tableFeed}" class="text-break">${calendar.tableFeed}</a></li>
        <li class="mb-2">${t('path.calendarPersonal')}: <a href="${calendar.personalFeed}" class="text-break">${calendar.personalFeed}</a></li>
      </ul>
      <p class="small text-secondary">${t('path.calendarSignedIn')}</p>
      <div class="d-flex flex-wrap gap-2 mb-2">
        <form method="post" action="${pathUrl(view.table.id)}/calendario">${submit(t('path.calendarCreate'))}</form>
        <form method="post" action="${pathUrl(view.table.id)}/calendario/revoca">
          <button type="submit" class="btn btn-outline-danger">${t('path.calendarRevoke')}</button>
        </form>
      </div>
      <p class="small text-secondary mb-0">${t('path.calendarRevokeHint')}</p>`,
  );
}

/** A table's path: its sessions by dimension, the products due, and for planners the forms. */
export function pathPage(ctx: PageContext, view: PathPageView) {
  const { t } = ctx;
  const { table, path } = view;
  const hasSessions = path.modules.some((m) => m.sessions.length > 0);
  return html`<nav class="breadcrumb-container" aria-label="${t('layout.breadcrumb')}">
      <ol class="breadcrumb p-0 mb-2">
        <li class="breadcrumb-item"><a href="/tavoli">${t('nav.tables')}</a><span class="separator">/</span></li>
        <li class="breadcrumb-item"><a href="/tavoli/${table.id}">${table.name}</a><span class="separator">/</span></li>
        <li class="breadcrumb-item active" aria-current="page">${t('path.title')}</li>
      </ol>
    </nav>
    <h1 class="mb-2">${t('path.pageTitle', { table: table.name })}</h1>
    <p class="lead mb-2">${t('path.intro')}</p>
    <p class="mb-4"><a href="/tavoli/${table.id}">${t('path.backToTable')}</a></p>
    ${hasSessions ? '' : html`<div class="callout note mb-4"><div class="callout-inner"><p class="mb-0">${t('path.empty')}</p></div></div>`}
    ${path.modules.map((m) => moduleSection(ctx, view, m))}
    ${path.canManage ? manageSection(ctx, view) : ''}
    ${calendarSection(ctx, view)}`;
}

export const PATH_URL = pathUrl;
