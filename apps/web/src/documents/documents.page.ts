import type { DocumentKind, DocumentStatus } from '@hubspoke/db';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, type DocumentDto, type getDocument } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import { type FormError, select } from '../ui/form.js';
import { html } from '../ui/html.js';
import { timeTag } from '../ui/time.js';
import { versionForm } from './upload.page.js';

/** The library's filters as the query string carries them. */
export interface DocumentFilters {
  kind?: DocumentKind;
  focusArea?: string;
  status?: DocumentStatus;
  q?: string;
}

/** The query string of a filtered list, optionally from a cursor on. */
export function documentsHref(filters: DocumentFilters, cursor?: string) {
  const query = new URLSearchParams();
  if (filters.kind) query.set('tipo', filters.kind);
  if (filters.focusArea) query.set('area', filters.focusArea);
  if (filters.status) query.set('stato', filters.status);
  if (filters.q) query.set('q', filters.q);
  if (cursor) query.set('cursore', cursor);
  const search = query.toString();
  return `/documenti${search ? `?${search}` : ''}`;
}

const statusLabel = (ctx: PageContext, status: DocumentStatus) =>
  html`<span class="label label-document-${status}">${ctx.t(`documentStatus.${status}`)}</span>`;

function filtersForm(ctx: PageContext, filters: DocumentFilters, areas: ReadonlyMap<string, string>) {
  const { t } = ctx;
  const all = { value: '', label: t('documents.filterAll') };
  return html`<form method="get" action="/documenti" class="row g-3 align-items-end mb-4" aria-label="${t('documents.filters')}">
    <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
      id: 'doc-kind',
      name: 'tipo',
      label: t('documents.filterKind'),
      selected: filters.kind ?? '',
      options: [all, ...DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`documentKind.${kind}`) }))],
    })}</div>
    <div class="col-12 col-md-6 col-lg-3">${select(ctx, {
      id: 'doc-area',
      name: 'area',
      label: t('documents.focusArea'),
      selected: filters.focusArea ?? '',
      options: [all, ...[...areas].map(([value, label]) => ({ value, label }))],
    })}</div>
    <div class="col-12 col-md-6 col-lg-2">${select(ctx, {
      id: 'doc-status',
      name: 'stato',
      label: t('documents.filterStatus'),
      selected: filters.status ?? '',
      options: [all, ...DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`documentStatus.${s}`) }))],
    })}</div>
    <div class="col-12 col-md-6 col-lg-3 form-group mb-0">
      <label for="doc-q" class="active">${t('documents.filterQuery')}</label>
      <input type="search" id="doc-q" name="q" class="form-control" value="${filters.q ?? ''}" maxlength="200">
    </div>
    <div class="col-12 col-lg-1"><button type="submit" class="btn btn-primary btn-sm">${t('documents.apply')}</button></div>
  </form>`;
}

export function documentItem(ctx: PageContext, d: DocumentDto, areas: ReadonlyMap<string, string>) {
  const { t } = ctx;
  return html`<li class="card card-bg no-after mb-3" data-document="${d.id}"><article class="card-body" aria-labelledby="document-${d.id}-title">
    <div class="d-flex flex-wrap gap-2 mb-2 small">
      ${d.featured ? html`<span class="label label-pinned">${t('documents.featured')}</span>` : ''}
      <span class="label">${t(`documentKind.${d.kind}`)}</span>
      ${statusLabel(ctx, d.status)}
      <span class="label label-area">${areas.get(d.focusArea) ?? d.focusArea}</span>
    </div>
    <h2 class="h5 mb-1" id="document-${d.id}-title"><a href="/documenti/${d.id}">${d.title}</a></h2>
    ${d.description ? html`<p class="mb-1">${d.description}</p>` : ''}
    <p class="small text-secondary mb-0">${t('documents.by', { name: d.author.displayName })} · ${t('documents.updated')} ${timeTag(ctx, d.updatedAt)}</p>
  </article></li>`;
}

export interface DocumentListView {
  items: readonly DocumentDto[];
  filters: DocumentFilters;
  areas: ReadonlyMap<string, string>;
  moreHref: string | null;
  paged: boolean;
}

/** The library: filters as a GET form, the documents (featured first), and a "more" link. */
export function documentsPage(ctx: PageContext, view: DocumentListView) {
  const { t } = ctx;
  return html`<h1 class="mb-2">${t('documents.title')}</h1>
    <p class="lead mb-3">${t('documents.intro')}</p>
    <p class="mb-4"><a class="btn btn-primary" href="/documenti/nuovo">${t('documents.share')}</a></p>
    ${filtersForm(ctx, view.filters, view.areas)}
    ${
      view.items.length === 0
        ? html`<p>${t('documents.empty')}</p>`
        : html`<ul class="list-unstyled">${view.items.map((d) => documentItem(ctx, d, view.areas))}</ul>`
    }
    <nav aria-label="${t('documents.more')}" class="d-flex gap-3">
      ${view.paged ? html`<a href="${documentsHref(view.filters)}">${t('documents.first')}</a>` : ''}
      ${view.moreHref ? html`<a href="${view.moreHref}" rel="next">${t('documents.more')}</a>` : ''}
    </nav>`;
}

export type DocumentPageData = Awaited<ReturnType<typeof getDocument>>;
type Version = DocumentPageData['versions'][number];

function versionsTable(ctx: PageContext, data: DocumentPageData) {
  const { t } = ctx;
  const id = data.document.id;
  if (data.versions.length === 0) return html`<p>${t('documents.noVersions')}</p>`;
  const row = (v: Version) => html`<tr data-version="${v.number}">
    <th scope="row">${t('documents.versionNumber', { number: v.number })}${v.published ? html` <span class="label label-document-published">${t('documents.published')}</span>` : ''}</th>
    <td><a href="/api/documents/${id}/versions/${v.number}/file">${v.originalName}</a>
      <span class="d-block small text-secondary">${t('documents.size', { size: Math.max(1, Math.round(v.size / 1024)) })}</span></td>
    <td>${v.uploadedBy.displayName}<span class="d-block small text-secondary">${timeTag(ctx, v.createdAt)}</span></td>
    <td>${v.note}</td>
    <td><form method="post" action="/documenti/${id}/versioni/${v.number}/revisione">
      <button type="submit" class="btn btn-xs btn-outline-primary">${t('documents.requestReview')}</button>
    </form></td>
  </tr>`;
  return html`<div class="table-responsive"><table class="table" aria-labelledby="versions-title">
    <thead><tr>
      <th scope="col">${t('documents.col.version')}</th>
      <th scope="col">${t('documents.col.file')}</th>
      <th scope="col">${t('documents.col.uploadedBy')}</th>
      <th scope="col">${t('documents.col.note')}</th>
      <th scope="col">${t('documents.col.actions')}</th>
    </tr></thead>
    <tbody>${[...data.versions].sort((a, b) => b.number - a.number).map(row)}</tbody>
  </table></div>`;
}

function workflow(ctx: PageContext, data: DocumentPageData, error: string | null) {
  const { t } = ctx;
  const moves = data.permissions.transitions;
  if (moves.length === 0) return '';
  const id = data.document.id;
  const asksComment = moves.includes('changes_requested');
  return html`<section class="mb-5" aria-labelledby="workflow-title">
    <h2 class="h4" id="workflow-title">${t('documents.workflow')}</h2>
    ${error ? html`<div class="alert alert-danger" role="alert" id="workflow-error"><p class="mb-0">${error}</p></div>` : ''}
    <form method="post" action="/documenti/${id}/stato">
      ${
        asksComment
          ? html`<div class="form-group">
              <label for="workflow-comment" class="active">${t('documents.workflowComment')}</label>
              <textarea id="workflow-comment" name="comment" class="form-control" rows="3" maxlength="5000"${error ? html` aria-invalid="true" aria-describedby="workflow-error"` : ''}></textarea>
            </div>`
          : ''
      }
      <div class="d-flex flex-wrap gap-2">
        ${moves.map(
          (to) =>
            html`<button type="submit" name="to" value="${to}" class="btn btn-sm ${to === 'published' ? 'btn-primary' : 'btn-outline-primary'}">${t(`documents.move.${to}`)}</button>`,
        )}
      </div>
    </form>
  </section>`;
}

function history(ctx: PageContext, data: DocumentPageData) {
  const { t } = ctx;
  if (data.history.length === 0) return '';
  return html`<section class="mb-5" aria-labelledby="history-title">
    <h2 class="h4" id="history-title">${t('documents.history')}</h2>
    <ol class="list-unstyled">${data.history.map(
      (h) => html`<li class="mb-2">
        ${t('documents.historyItem', { from: t(`documentStatus.${h.from}`), to: t(`documentStatus.${h.to}`), version: h.version })}
        ${h.actor ? html`${t('documents.historyBy', { name: h.actor.displayName })}` : ''} · ${timeTag(ctx, h.createdAt)}
        ${h.comment ? html`<p class="mb-0 small">${h.comment}</p>` : ''}
      </li>`,
    )}</ol>
  </section>`;
}

/** The forms of a document's page that can come back refused, and the upload limit to show. */
export interface DocumentPageForms {
  maxBytes: number;
  workflowError?: string | null;
  version?: { error: FormError; note: string };
}

/** One document: what it is, its versions to download (and a new one), its review, and the discussion about it. */
export function documentPage(
  ctx: PageContext,
  data: DocumentPageData,
  areas: ReadonlyMap<string, string>,
  forms: DocumentPageForms,
) {
  const { t } = ctx;
  const d = data.document;
  return html`<nav class="breadcrumb-container" aria-label="${t('layout.breadcrumb')}">
      <ol class="breadcrumb p-0 mb-2"><li class="breadcrumb-item"><a href="/documenti">${t('nav.documents')}</a></li></ol>
    </nav>
    <div class="d-flex flex-wrap gap-2 mb-2 small">
      ${d.featured ? html`<span class="label label-pinned">${t('documents.featured')}</span>` : ''}
      <span data-document-status="${d.status}">${statusLabel(ctx, d.status)}</span>
    </div>
    <h1 class="mb-2">${d.title}</h1>
    ${d.description ? html`<p class="lead mb-3">${d.description}</p>` : ''}
    <p class="mb-4"><a href="/discussioni/${d.threadId}">${t('documents.discussion')}</a></p>
    <section class="mb-5" aria-labelledby="details-title">
      <h2 class="h4" id="details-title">${t('documents.details')}</h2>
      <dl class="row mb-0">
        <dt class="col-sm-3">${t('documents.kind')}</dt><dd class="col-sm-9">${t(`documentKind.${d.kind}`)}</dd>
        <dt class="col-sm-3">${t('documents.focusArea')}</dt><dd class="col-sm-9">${areas.get(d.focusArea) ?? d.focusArea}</dd>
        <dt class="col-sm-3">${t('documents.language')}</dt><dd class="col-sm-9">${t(`documentLanguage.${d.language}`)}</dd>
        <dt class="col-sm-3">${t('documents.author')}</dt><dd class="col-sm-9"><a href="/u/${d.author.handle}">${d.author.displayName}</a></dd>
        <dt class="col-sm-3">${t('documents.status')}</dt><dd class="col-sm-9">${t(`documentStatus.${d.status}`)}</dd>
        ${d.tags.length ? html`<dt class="col-sm-3">${t('documents.tags')}</dt><dd class="col-sm-9">${d.tags.join(', ')}</dd>` : ''}
        <dt class="col-sm-3">${t('documents.downloads')}</dt><dd class="col-sm-9">${d.downloadCount}</dd>
      </dl>
    </section>
    <section class="mb-5" aria-labelledby="versions-title">
      <h2 class="h4" id="versions-title">${t('documents.versions')}</h2>
      ${versionsTable(ctx, data)}
    </section>
    ${
      data.permissions.upload
        ? versionForm(ctx, {
            documentId: d.id,
            maxBytes: forms.maxBytes,
            error: forms.version?.error ?? null,
            note: forms.version?.note ?? '',
          })
        : ''
    }
    ${workflow(ctx, data, forms.workflowError ?? null)}
    ${history(ctx, data)}`;
}
