import {
  COUNTRY_CODES,
  type CvContentDto,
  type DirectoryEntryDto,
  LANGUAGE_CODES,
  MEDITERRANEAN_COUNTRIES,
} from '@hubspoke/domain';
import { intlLocale, type Locale } from '@hubspoke/i18n';
import type { PageContext } from '../context.js';
import { html } from '../ui/html.js';

/** Slug → name in the reader's language, for the programme's dimensions and focus areas. */
export interface Vocabularies {
  dimensions: ReadonlyMap<string, string>;
  focusAreas: ReadonlyMap<string, string>;
}

const capitalised = (text: string, locale: Locale) =>
  text.charAt(0).toLocaleUpperCase(intlLocale[locale]) + text.slice(1);

/** Language and country names come from the runtime's CLDR data, in the reader's language. */
const namesCache = new Map<string, { languages: Map<string, string>; countries: Map<string, string> }>();
export function codeNames(locale: Locale) {
  let names = namesCache.get(locale);
  if (!names) {
    const tag = intlLocale[locale];
    const languageNames = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' });
    const regionNames = new Intl.DisplayNames([tag], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(tag);
    const sorted = (entries: Array<[string, string]>) => new Map(entries.sort((a, b) => collator.compare(a[1], b[1])));
    names = {
      languages: sorted(LANGUAGE_CODES.map((c) => [c, capitalised(languageNames.of(c) ?? c, locale)])),
      countries: sorted(COUNTRY_CODES.map((c) => [c, regionNames.of(c) ?? c])),
    };
    namesCache.set(locale, names);
  }
  return names;
}

export const MEDITERRANEAN: ReadonlySet<string> = new Set(MEDITERRANEAN_COUNTRIES);

export const levelName = (ctx: PageContext, level: string) => (level === 'native' ? ctx.t('cv.level.native') : level);

export const years = (ctx: PageContext, from: number, to: number | null) =>
  to === null
    ? ctx.t('cv.yearsOngoing', { from: String(from) })
    : from === to
      ? String(from)
      : ctx.t('cv.years', { from: String(from), to: String(to) });

/** Plain text with its paragraphs and line breaks, every character escaped. */
export function paragraphs(text: string) {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const lines = p.split('\n');
      return html`<p>${lines.map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>`;
    });
}

function languagesList(ctx: PageContext, cv: CvContentDto) {
  const names = codeNames(ctx.locale).languages;
  return html`<ul class="list-inline mb-0">${cv.languages.map(
    (l) =>
      html`<li class="list-inline-item" data-cv-language="${l.code}">${names.get(l.code) ?? l.code} <span class="text-secondary">(${levelName(ctx, l.level)})</span></li>`,
  )}</ul>`;
}

function competencesList(cv: CvContentDto, vocabularies: Vocabularies) {
  return html`<ul class="list-unstyled mb-0">${cv.competences.map(
    (c) =>
      html`<li class="mb-1" data-cv-competence>${c.skill}${
        c.dimension ? html` <span class="label">${vocabularies.dimensions.get(c.dimension) ?? c.dimension}</span>` : ''
      }${
        c.focusArea
          ? html` <span class="label label-area">${vocabularies.focusAreas.get(c.focusArea) ?? c.focusArea}</span>`
          : ''
      }</li>`,
  )}</ul>`;
}

function experiencesList(ctx: PageContext, cv: CvContentDto) {
  const { t } = ctx;
  const countries = codeNames(ctx.locale).countries;
  return html`<ul class="list-unstyled mb-0">${cv.experiences.map(
    (e) => html`<li class="mb-3" data-cv-experience>
      <p class="fw-semibold mb-0">${e.title} <span class="fw-normal text-secondary">· ${years(ctx, e.yearFrom, e.yearTo)}</span></p>
      <p class="mb-0">${e.role}</p>
      ${
        e.programme || e.fund
          ? html`<p class="small mb-0">${[
              e.programme ? html`${t('cv.programme')}: ${e.programme}` : '',
              e.programme && e.fund ? ' · ' : '',
              e.fund ? html`${t('cv.fund')}: ${e.fund}` : '',
            ]}</p>`
          : ''
      }
      ${e.countries.length ? html`<p class="small text-secondary mb-0">${e.countries.map((c) => countries.get(c) ?? c).join(', ')}</p>` : ''}
    </li>`,
  )}</ul>`;
}

/** A CV as readers see it: headline, about, languages, competences, experiences; `level` is the headings' level. */
export function cvView(ctx: PageContext, cv: CvContentDto, vocabularies: Vocabularies, level: 2 | 3 = 2) {
  const { t } = ctx;
  const heading = (id: string, text: string) =>
    level === 2 ? html`<h2 class="h5 mt-4" id="${id}">${text}</h2>` : html`<h3 class="h6 mt-3" id="${id}">${text}</h3>`;
  return html`<div class="cv" data-cv>
    ${cv.headline ? html`<p class="lead mb-2" data-cv-headline>${cv.headline}</p>` : ''}
    ${cv.summary ? html`<div data-cv-summary>${paragraphs(cv.summary)}</div>` : ''}
    ${cv.languages.length ? html`${heading('cv-languages', t('cv.languages'))}${languagesList(ctx, cv)}` : ''}
    ${cv.competences.length ? html`${heading('cv-competences', t('cv.competences'))}${competencesList(cv, vocabularies)}` : ''}
    ${cv.experiences.length ? html`${heading('cv-experiences', t('cv.experiences'))}${experiencesList(ctx, cv)}` : ''}
  </div>`;
}

/** Where the person works: ente and region, as one line. */
export function workplace(ctx: PageContext, entry: DirectoryEntryDto) {
  const parts = [entry.ente?.name ?? ctx.t('directory.noEnte'), entry.region].filter(Boolean);
  return parts.join(' · ');
}

const MB = 1_048_576;

/** A file size as the documents' pages write it: kB under a megabyte, else MB with one decimal. */
export const sizeLabel = (ctx: PageContext, bytes: number) =>
  bytes < MB
    ? ctx.t('documents.size', { size: Math.max(1, Math.floor(bytes / 1024)) })
    : ctx.t('documents.sizeMb', {
        size: new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 }).format(bytes / MB),
      });
