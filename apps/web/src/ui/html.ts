import { escapeHtml } from '@hubspoke/markdown';

/**
 * A tiny HTML templating helper: every interpolated value is escaped unless it is already
 * `SafeHtml` (built by `html` itself, or wrapped by `raw()` after passing our sanitizer).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks trusted HTML (sanitized post bodies, say). Never pass user input here unsanitized. */
export const raw = (value: string) => new SafeHtml(value);

export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${name}</p>\`` — `null`, `undefined` and `false` render nothing, so `${cond && html\`…\`}` works. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Attribute helper for boolean attributes: `${attr('selected', isSelected)}`. */
export const attr = (name: string, on: boolean) => (on ? raw(` ${name}`) : '');
