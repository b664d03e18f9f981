import { DOCUMENT_KINDS, DOCUMENT_LANGUAGES } from '@hubspoke/domain';
import type { PageContext } from '../context.js';
import {
  errorIdFor,
  type FormError,
  field,
  formErrorMessage,
  label,
  requiredNote,
  select,
  submit,
  textarea,
} from '../ui/form.js';
import { html } from '../ui/html.js';

/** What the upload form was sent with, to fill it in again after a refusal (the file cannot be). */
export interface UploadInput {
  tableId: string;
  kind: string;
  title: string;
  description: string;
  focusArea: string;
  dimension: string;
  language: string;
  tags: string;
}

export interface UploadView {
  input: UploadInput;
  error: FormError | null;
  /** Tables the uploader may share documents in. */
  tables: ReadonlyArray<{ id: number; name: string }>;
  focusAreas: ReadonlyMap<string, string>;
  dimensions: ReadonlyArray<{ slug: string; name: string }>;
  maxBytes: number;
}

/** Extensions of the accepted types, so the file picker offers those first; the server decides by content. */
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods,.odp,.png,.jpg,.jpeg,.txt,.md,.csv';
const MB = 1_048_576;

function sizeLabel(ctx: PageContext, bytes: number) {
  if (bytes < MB) return ctx.t('documents.size', { size: Math.max(1, Math.floor(bytes / 1024)) });
  const size = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(bytes / MB);
  return ctx.t('documents.sizeMb', { size });
}

/** The file picker. A refused form cannot give the file back, so then the hint says to choose it again. */
function fileField(ctx: PageContext, o: { id: string; maxBytes: number; error: FormError | null; formId: string }) {
  const { t } = ctx;
  const errorId = errorIdFor(o.formId, o.error, 'file');
  const hint = `${t('documents.upload.fileHint', { size: sizeLabel(ctx, o.maxBytes) })}${
    o.error ? ` ${t('documents.upload.fileAgain')}` : ''
  }`;
  const describedBy = [`${o.id}-hint`, errorId].filter(Boolean).join(' ');
  return html`<div class="form-group">
    ${label(ctx, o.id, t('documents.upload.file'), true)}
    <input type="file" id="${o.id}" name="file" class="form-control${errorId ? ' is-invalid' : ''}" accept="${ACCEPT}" required
      aria-describedby="${describedBy}"${errorId ? html` aria-invalid="true"` : ''}>
    <small id="${o.id}-hint" class="form-text">${hint}</small>
  </div>`;
}

const FORM = 'upload';

/**
 * Sharing a document: a plain multipart form, so it works without JavaScript. The text fields
 * come before the file, as the server reads them first and checks them before storing a byte.
 */
export function uploadPage(ctx: PageContext, view: UploadView) {
  const { t } = ctx;
  const { input, error } = view;
  const errorId = (name: string) => errorIdFor(FORM, error, name);
  const choose = { value: '', label: t('form.choose') };
  const breadcrumb = html`<nav class="breadcrumb-container" aria-label="${t('layout.breadcrumb')}">
    <ol class="breadcrumb p-0 mb-2"><li class="breadcrumb-item"><a href="/documenti">${t('nav.documents')}</a></li></ol>
  </nav>`;
  if (view.tables.length === 0) {
    return html`${breadcrumb}<h1 class="mb-3">${t('documents.upload.title')}</h1><p>${t('documents.upload.noTables')}</p>`;
  }
  return html`${breadcrumb}
    <h1 class="mb-3">${t('documents.upload.title')}</h1>
    <p class="lead mb-4">${t('documents.upload.intro')}</p>
    <div class="row"><div class="col-12 col-lg-9">
    ${formErrorMessage(ctx, FORM, error)}
    <form method="post" action="/documenti/nuovo" enctype="multipart/form-data" id="${FORM}" novalidate>
      ${requiredNote(ctx)}
      <div class="row">
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-table`,
          name: 'tableId',
          label: t('documents.upload.table'),
          required: true,
          selected: input.tableId,
          options: [choose, ...view.tables.map((table) => ({ value: String(table.id), label: table.name }))],
          errorId: errorId('tableId'),
        })}</div>
        <div class="col-12 col-md-6">${select(ctx, {
          id: `${FORM}-kind`,
          name: 'kind',
          label: t('documents.kind'),
          required: true,
          selected: input.kind,
          options: [choose, ...DOCUMENT_KINDS.map((kind) => ({ value: kind, label: t(`documentKind.${kind}`) }))],
          errorId: errorId('kind'),
        })}</div>
      </div>
      ${field(ctx, {
        id: `${FORM}-title`,
        name: 'title',
        label: t('documents.upload.titleLabel'),
        value: input.title,
        required: true,
        minlength: 5,
        maxlength: 200,
        hint: t('documents.upload.titleHint'),
        errorId: errorId('title'),
      })}
      ${textarea(ctx, {
        id: `${FORM}-description`,
        name: 'description',
        label: t('documents.upload.description'),
        value: input.description,
        maxlength: 5000,
        hint: t('documents.upload.descriptionHint'),
        errorId: errorId('description'),
      })}
      <div class="row">
        <div class="col-12 col-md-4">${select(ctx, {
          id: `${FORM}-area`,
          name: 'focusArea',
          label: t('documents.focusArea'),
          required: true,
          selected: input.focusArea,
          options: [choose, ...[...view.focusAreas].map(([value, name]) => ({ value, label: name }))],
          errorId: errorId('focusArea'),
        })}</div>
        <div class="col-12 col-md-4">${select(ctx, {
          id: `${FORM}-dimension`,
          name: 'dimension',
          label: t('documents.upload.dimension'),
          selected: input.dimension,
          options: [
            { value: '', label: t('form.noDimension') },
            ...view.dimensions.map((d) => ({ value: d.slug, label: d.name })),
          ],
        })}</div>
        <div class="col-12 col-md-4">${select(ctx, {
          id: `${FORM}-language`,
          name: 'language',
          label: t('documents.language'),
          required: true,
          selected: input.language || ctx.locale,
          options: DOCUMENT_LANGUAGES.map((language) => ({
            value: language,
            label: t(`documentLanguage.${language}`),
          })),
          errorId: errorId('language'),
        })}</div>
      </div>
      ${field(ctx, {
        id: `${FORM}-tags`,
        name: 'tags',
        label: t('documents.upload.tags'),
        value: input.tags,
        maxlength: 500,
        hint: t('documents.upload.tagsHint'),
        errorId: errorId('tags'),
      })}
      ${fileField(ctx, { id: `${FORM}-file`, maxBytes: view.maxBytes, error, formId: FORM })}
      ${submit(t('documents.upload.submit'))}
    </form>
    </div></div>`;
}

const VERSION_FORM = 'new-version';

/** On a document's page, for its author: the next version, with a note on what changed. */
export function versionForm(
  ctx: PageContext,
  o: { documentId: number; maxBytes: number; error: FormError | null; note: string },
) {
  const { t } = ctx;
  return html`<section class="mb-5" aria-labelledby="new-version-title">
    <h2 class="h4" id="new-version-title">${t('documents.newVersion')}</h2>
    <p>${t('documents.newVersionIntro')}</p>
    ${formErrorMessage(ctx, VERSION_FORM, o.error)}
    <form method="post" action="/documenti/${o.documentId}/versioni" enctype="multipart/form-data" id="${VERSION_FORM}" novalidate>
      ${textarea(ctx, {
        id: `${VERSION_FORM}-note`,
        name: 'note',
        label: t('documents.versionNote'),
        value: o.note,
        maxlength: 2000,
        hint: t('documents.versionNoteHint'),
        errorId: errorIdFor(VERSION_FORM, o.error, 'note'),
      })}
      ${fileField(ctx, { id: `${VERSION_FORM}-file`, maxBytes: o.maxBytes, error: o.error, formId: VERSION_FORM })}
      ${submit(t('documents.versionSubmit'), 'btn-sm')}
    </form>
  </section>`;
}
