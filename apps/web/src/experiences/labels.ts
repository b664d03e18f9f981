import { SECTOR_OPTIONS, SECTORS, STAKEHOLDER_KINDS } from '@hubspoke/domain';
import { intlLocale, type Locale } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { codeNames, MEDITERRANEAN } from '../cv/cv.view.js';
import { html } from '../ui/html.js';

export type Option = { value: string; label: string };

/** The slide-17 sectors in the reader's language, without the survey's "(specificare)". */
export function sectorOptions(locale: Locale): Option[] {
  return SECTORS.map((key) => {
    const option = SECTOR_OPTIONS.find((o) => o.key === key);
    const text = option ? option.label[locale] : key;
    return { value: key, label: text.replace(/\s*\((specificare|please specify)\)$/, '') };
  });
}

export const sectorName = (locale: Locale, key: string) =>
  sectorOptions(locale).find((o) => o.value === key)?.label ?? key;

export function kindOptions(ctx: PageContext): Option[] {
  return STAKEHOLDER_KINDS.map((kind) => ({ value: kind, label: ctx.t(`stakeholders.kind.${kind}`) }));
}

export const countryName = (locale: Locale, code: string) => codeNames(locale).countries.get(code) ?? code;

/** Every country, the Mediterranean and Balkan ones first, as `<optgroup>`s of a select. */
export function countryOptionGroups(ctx: PageContext, isSelected: (code: string) => boolean) {
  const countries = [...codeNames(ctx.locale).countries];
  const option = ([code, name]: [string, string]) =>
    html`<option value="${code}"${isSelected(code) ? html` selected` : ''}>${name}</option>`;
  return html`<optgroup label="${ctx.t('cv.mediterranean')}">${countries.filter(([c]) => MEDITERRANEAN.has(c)).map(option)}</optgroup>
    <optgroup label="${ctx.t('cv.otherCountries')}">${countries.filter(([c]) => !MEDITERRANEAN.has(c)).map(option)}</optgroup>`;
}

export const isKnownCountry = (locale: Locale, code: string) => codeNames(locale).countries.has(code);

/** A sum in euro without cents, as the reader writes it: "480.000 €". */
export const euro = (locale: Locale, value: number) =>
  new Intl.NumberFormat(intlLocale[locale], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    value,
  );

/** Those who may write for at least one ente: tutors, moderators, admins, and participants of an ente. */
export const writesForSomeEnte = (user: { role: string; ente_id: number | null }) =>
  user.role !== 'participant' || user.ente_id !== null;
