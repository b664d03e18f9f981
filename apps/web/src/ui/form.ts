import type { PageContext } from '../context.js';
import { attr, html, type SafeHtml } from './html.js';

/**
 * A failed submission: one message, and the fields it is about. Those fields point at the
 * message with `aria-describedby` and are marked `aria-invalid`.
 */
export interface FormError {
  message: string;
  fields: string[];
}

export interface FieldOptions {
  /** Unique in the page: the `id` of the input and the prefix of its hint's and error's ids. */
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  minlength?: number;
  maxlength?: number;
  /** The id of the form's error message, when this field is one of those it is about. */
  errorId?: string | undefined;
}

export const errorIdFor = (formId: string, error: FormError | null | undefined, field: string) =>
  error?.fields.includes(field) ? `${formId}-error` : undefined;

/** Labels stay raised (`active`): Bootstrap Italia would otherwise need its script to move them. */
export function label(_ctx: PageContext, forId: string, text: string, required = false) {
  return html`<label for="${forId}" class="active">${text}${
    required ? html`<span class="required-mark" aria-hidden="true">*</span>` : ''
  }</label>`;
}

function describedBy(...ids: Array<string | undefined>) {
  const list = ids.filter(Boolean).join(' ');
  return list ? html` aria-describedby="${list}"` : '';
}

export function field(ctx: PageContext, o: FieldOptions): SafeHtml {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  return html`<div class="form-group">
    ${label(ctx, o.id, o.label, o.required)}
    <input type="${o.type ?? 'text'}" id="${o.id}" name="${o.name}" class="form-control${o.errorId ? ' is-invalid' : ''}"
      value="${o.value ?? ''}"${attr('required', o.required ?? false)}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${
        o.minlength ? html` minlength="${o.minlength}"` : ''
      }${o.maxlength ? html` maxlength="${o.maxlength}"` : ''}${describedBy(hintId, o.errorId)}${
        o.errorId ? html` aria-invalid="true"` : ''
      }>
    ${o.hint ? html`<small id="${hintId}" class="form-text">${o.hint}</small>` : ''}
  </div>`;
}

export interface SelectOptions {
  id: string;
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  selected?: string | undefined;
  required?: boolean;
  hint?: string;
  errorId?: string | undefined;
}

export function select(ctx: PageContext, o: SelectOptions): SafeHtml {
  const hintId = o.hint ? `${o.id}-hint` : undefined;
  return html`<div class="select-wrapper">
    ${label(ctx, o.id, o.label, o.required)}
    <select id="${o.id}" name="${o.name}"${attr('required', o.required ?? false)}${describedBy(hintId, o.errorId)}${
      o.errorId ? html` aria-invalid="true"` : ''
    }>
      ${o.options.map(
        (option) =>
          html`<option value="${option.value}"${attr('selected', option.value === o.selected)}>${option.label}</option>`,
      )}
    </select>
    ${o.hint ? html`<small id="${hintId}" class="form-text">${o.hint}</small>` : ''}
  </div>`;
}

/** The form's error, placed before its fields and focusable so it can be reached at once. */
export function formErrorMessage(ctx: PageContext, formId: string, error: FormError | null | undefined) {
  if (!error) return '';
  return html`<div class="alert alert-danger" id="${formId}-error" role="alert">
    <p class="fw-semibold mb-1">${ctx.t('form.errorTitle')}</p>
    <p class="mb-0">${error.message}</p>
  </div>`;
}

export const requiredNote = (ctx: PageContext) =>
  html`<p class="small text-secondary mb-4">${ctx.t('form.requiredNote')}</p>`;

export const submit = (text: string, extra = '') =>
  html`<button type="submit" class="btn btn-primary ${extra}">${text}</button>`;

export function textarea(ctx: PageContext, o: Omit<FieldOptions, 'type' | 'autocomplete' | 'minlength'>): SafeHtml {
  return html`<div class="form-group">
    ${label(ctx, o.id, o.label, o.required)}
    <textarea id="${o.id}" name="${o.name}" rows="3" class="form-control"${attr('required', o.required ?? false)}${
      o.maxlength ? html` maxlength="${o.maxlength}"` : ''
    }${describedBy(o.hint ? `${o.id}-hint` : undefined, o.errorId)}>${o.value ?? ''}</textarea>
    ${o.hint ? html`<small id="${o.id}-hint" class="form-text">${o.hint}</small>` : ''}
  </div>`;
}
