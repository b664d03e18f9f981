import type { PageContext } from '../context.js';
import { type FormError, formErrorMessage } from '../ui/form.js';
import { html, raw } from '../ui/html.js';
import { timeTag } from '../ui/time.js';

export interface ComposerState {
  body: string;
  error?: FormError | null | undefined;
  /** The sanitized rendering of `body`, when the writer asked for a preview without JavaScript. */
  previewHtml?: string | undefined;
  /** When the draft shown was saved, if the text came from one. */
  draftSavedAt?: string | undefined;
}

export interface ComposerOptions {
  /** The form's id; the textarea is `${formId}-body`. */
  formId: string;
  label: string;
  submitLabel: string;
  state: ComposerState;
  rows?: number;
  /** The table whose readers may be @-mentioned (a new thread's form names it in its own field). */
  tableId?: number;
  /**
   * Where the file field's "Allega" button sends the form without JavaScript (it comes back with
   * the Markdown added); with JavaScript composer.js uploads to /api/uploads for `tableId`.
   */
  uploadAction?: string;
  /** False where nothing keeps drafts (private messages): no "Salva bozza" button. */
  drafts?: false;
}

const TOOLS = ['bold', 'italic', 'link', 'quote', 'list'] as const;

const ACCEPTED_FILES =
  'image/png,image/jpeg,image/webp,image/gif,.pdf,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods,.odp,.txt,.md,.csv';

/**
 * A file field after the textarea: the file comes last in the multipart form, after the text.
 * Its button submits the whole form there, so nothing typed is lost.
 */
function uploadField(ctx: PageContext, o: ComposerOptions & { uploadAction: string }) {
  const { t } = ctx;
  const id = `${o.formId}-file`;
  const invalid = o.state.error?.fields.includes('file') ?? false;
  const describedBy = [`${id}-hint`, invalid ? `${o.formId}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-group composer-attach" data-upload${o.tableId ? html` data-upload-table="${o.tableId}"` : ''}
      data-uploading-text="${t('composer.uploading', { name: '{name}' })}" data-uploaded-text="${t('composer.uploaded', { name: '{name}' })}" data-failed-text="${t('composer.uploadFailed', { name: '{name}' })}">
      <label for="${id}" class="active">${t('composer.attachLabel')}</label>
      <div class="d-flex flex-wrap gap-2 align-items-center">
        <input type="file" id="${id}" name="file" accept="${ACCEPTED_FILES}" class="form-control w-auto${invalid ? ' is-invalid' : ''}" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ''} data-upload-input>
        <button type="submit" class="btn btn-outline-secondary btn-sm" formaction="${o.uploadAction}" formenctype="multipart/form-data" formmethod="post" formnovalidate data-upload-button>${t('composer.attachSubmit')}</button>
      </div>
      <small id="${id}-hint" class="form-text">${t('composer.attachHint')}</small>
      <p class="small mb-0" role="status" aria-live="polite" data-upload-status></p>
    </div>`;
}

/**
 * A Markdown textarea with a preview. Without JavaScript, "Preview" submits the form and the page
 * comes back with the rendering; with it, composer.js fetches the same rendering in place.
 * Goes inside the form, after any other fields; the buttons end the form.
 */
export function composerFields(ctx: PageContext, o: ComposerOptions) {
  const { t } = ctx;
  const id = `${o.formId}-body`;
  const invalid = o.state.error?.fields.includes('body') ?? false;
  const describedBy = [`${id}-hint`, invalid ? `${o.formId}-error` : ''].filter(Boolean).join(' ');
  // Shown by composer.js only: without JavaScript the Markdown is simply typed, as the hint says.
  const toolbar = html`<div class="composer-toolbar btn-toolbar gap-1 mb-2" role="toolbar" aria-label="${t('composer.toolbar')}" aria-controls="${id}" hidden data-composer-toolbar>
      ${TOOLS.map((tool) => html`<button type="button" class="btn btn-outline-secondary btn-xs" data-md="${tool}">${t(`composer.tool.${tool}`)}</button>`)}
    </div>`;
  return html`<div class="form-group composer">
      <label for="${id}" class="active">${o.label}<span class="required-mark" aria-hidden="true">*</span></label>
      ${toolbar}
      <textarea id="${id}" name="body" rows="${o.rows ?? 8}" class="form-control composer-body${invalid ? ' is-invalid' : ''}"
        required maxlength="50000" aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : ''} data-composer-body${o.tableId ? html` data-mention-table="${o.tableId}"` : ''} data-mention-label="${t('composer.mentions')}">${o.state.body}</textarea>
      <small id="${id}-hint" class="form-text">${t(o.drafts === false ? 'composer.hintPrivate' : 'composer.hint')}</small>
    </div>
    ${o.uploadAction ? uploadField(ctx, { ...o, uploadAction: o.uploadAction }) : ''}
    <section class="composer-preview-wrapper" aria-labelledby="${o.formId}-preview-title"${o.state.previewHtml === undefined ? html` hidden` : ''} data-preview-wrapper>
      <p class="h6" id="${o.formId}-preview-title">${t('composer.previewTitle')}</p>
      <div class="composer-preview post-body" data-preview aria-live="polite">${
        // Rendered by the Markdown package and sanitized, exactly as a saved post would be.
        raw(o.state.previewHtml ?? '')
      }</div>
    </section>
    <div class="d-flex flex-wrap gap-2 mt-3 align-items-center">
      <button type="submit" class="btn btn-primary">${o.submitLabel}</button>
      <button type="submit" name="intent" value="preview" class="btn btn-outline-primary" formnovalidate data-preview-button>${t('composer.preview')}</button>
      ${o.drafts === false ? '' : html`<button type="submit" name="intent" value="draft" class="btn btn-outline-secondary" formnovalidate>${t('composer.saveDraft')}</button>`}
      <p class="small text-secondary mb-0" aria-live="polite" data-draft-status data-saved-text="${t('composer.draftSavedNow')}">${
        o.state.draftSavedAt ? html`${t('composer.draftRestored')} ${timeTag(ctx, o.state.draftSavedAt)}` : ''
      }</p>
    </div>`;
}

/** The error of a composer form, before its fields. */
export const composerError = (ctx: PageContext, formId: string, error: FormError | null | undefined) =>
  formErrorMessage(ctx, formId, error);
