import type { CvContent } from '@hubspoke/db';
import { normaliseText } from '@hubspoke/markdown';
import { AppError } from '../shared/errors.js';
import { CV_LIMITS, isCountryCode, isLanguageCode, isLanguageLevel } from './vocabulary.js';

/** A CV as a client or a form sends it: anything may be missing or wrong, nothing is trusted. */
export interface CvInput {
  headline?: string | undefined;
  summary?: string | undefined;
  languages?: ReadonlyArray<{ code: string; level: string }> | undefined;
  competences?: ReadonlyArray<{ skill: string; dimension?: string | null; focusArea?: string | null }> | undefined;
  experiences?:
    | ReadonlyArray<{
        title: string;
        programme?: string | null;
        fund?: string | null;
        countries?: readonly string[];
        /** Null when the form left it empty. */
        yearFrom: number | null;
        yearTo?: number | null;
        role: string;
      }>
    | undefined;
}

export type CvIssueCode =
  | 'unknown_field'
  | 'field_required'
  | 'text_too_long'
  | 'too_many_entries'
  | 'unknown_language'
  | 'unknown_level'
  | 'duplicate_language'
  | 'unknown_country'
  | 'unknown_dimension'
  | 'unknown_focus_area'
  | 'invalid_year'
  | 'year_in_future'
  | 'year_order';

/** One thing wrong, with the field it is about as a path (`experiences/2/yearTo`). */
export interface CvIssue {
  field: string;
  code: CvIssueCode;
  /** The limit broken: a length, a number of entries, a year. */
  limit?: number;
}

const DESCRIPTIONS: Record<CvIssueCode, (limit?: number) => string> = {
  unknown_field: () => 'is not a field of the CV',
  field_required: () => 'is required',
  text_too_long: (n) => `can have at most ${n} characters`,
  too_many_entries: (n) => `can have at most ${n} entries`,
  unknown_language: () => 'is not an ISO 639-1 language code of the list',
  unknown_level: () => 'must be a CEFR level (A1, A2, B1, B2, C1, C2) or native',
  duplicate_language: () => 'is already listed',
  unknown_country: () => 'is not an ISO 3166-1 alpha-2 country code of the list',
  unknown_dimension: () => 'is not a dimension of the programme',
  unknown_focus_area: () => 'is not a focus area of the programme',
  invalid_year: (n) => `must be a whole year from ${n} on`,
  year_in_future: (n) => `cannot be after ${n}`,
  year_order: () => 'cannot be before yearFrom',
};

/** A refused CV: 400 with the first issue's code, naming its field; every issue is kept for the forms. */
export class CvInvalidError extends AppError {
  constructor(readonly issues: readonly CvIssue[]) {
    const [first] = issues;
    if (!first) throw new Error('a CV refused for no reason');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(400, first.code, `${first.field} ${DESCRIPTIONS[first.code](first.limit)}${more}`);
    this.name = 'CvInvalidError';
  }
}

export interface CvRules {
  /** The current year, from the clock: no experience starts or ends later. */
  year: number;
  dimensions: ReadonlySet<string>;
  focusAreas: ReadonlySet<string>;
}

const length = (text: string) => [...text].length;

/**
 * Checks and cleans a CV: text normalised and trimmed (one line for the short fields, line
 * breaks kept in the summary), empty optional fields null, repeated countries dropped. Returns
 * the clean CV, or throws CvInvalidError with every issue found.
 */
export function validateCv(input: CvInput, rules: CvRules): CvContent {
  const issues: CvIssue[] = [];
  const issue = (field: string, code: CvIssueCode, limit?: number) => {
    issues.push({ field, code, ...(limit !== undefined ? { limit } : {}) });
  };
  const text = (
    field: string,
    value: string | null | undefined,
    max: number,
    o: { required?: boolean; multiline?: boolean } = {},
  ) => {
    let clean = normaliseText(value ?? '');
    clean = (
      o.multiline ? clean.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n') : clean.replace(/\s+/g, ' ')
    ).trim();
    if (o.required && clean === '') issue(field, 'field_required');
    if (length(clean) > max) issue(field, 'text_too_long', max);
    return clean;
  };
  const list = <T>(field: string, items: readonly T[] | undefined) => {
    if ((items?.length ?? 0) > CV_LIMITS.entries) issue(field, 'too_many_entries', CV_LIMITS.entries);
    return (items ?? []).slice(0, CV_LIMITS.entries);
  };
  const year = (field: string, value: number | null | undefined, required: boolean) => {
    if (value === null || value === undefined) {
      if (required) issue(field, 'field_required');
      return null;
    }
    if (!Number.isInteger(value) || value < CV_LIMITS.firstYear) issue(field, 'invalid_year', CV_LIMITS.firstYear);
    else if (value > rules.year) issue(field, 'year_in_future', rules.year);
    return value;
  };
  const optional = (value: string) => (value === '' ? null : value);

  const headline = text('headline', input.headline, CV_LIMITS.headline);
  const summary = text('summary', input.summary, CV_LIMITS.summary, { multiline: true });

  const seen = new Set<string>();
  const languages = list('languages', input.languages).map((entry, i) => {
    const code = (entry.code ?? '').trim().toLowerCase();
    const level = (entry.level ?? '').trim();
    if (code === '') issue(`languages/${i}/code`, 'field_required');
    else if (!isLanguageCode(code)) issue(`languages/${i}/code`, 'unknown_language');
    else if (seen.has(code)) issue(`languages/${i}/code`, 'duplicate_language');
    seen.add(code);
    const normalLevel = level.toLowerCase() === 'native' ? 'native' : level.toUpperCase();
    if (level === '') issue(`languages/${i}/level`, 'field_required');
    else if (!isLanguageLevel(normalLevel)) issue(`languages/${i}/level`, 'unknown_level');
    return { code, level: normalLevel };
  });

  const competences = list('competences', input.competences).map((entry, i) => {
    const skill = text(`competences/${i}/skill`, entry.skill, CV_LIMITS.text, { required: true });
    const dimension = entry.dimension || null;
    const focusArea = entry.focusArea || null;
    if (dimension !== null && !rules.dimensions.has(dimension))
      issue(`competences/${i}/dimension`, 'unknown_dimension');
    if (focusArea !== null && !rules.focusAreas.has(focusArea))
      issue(`competences/${i}/focusArea`, 'unknown_focus_area');
    return { skill, dimension, focusArea };
  });

  const experiences = list('experiences', input.experiences).map((entry, i) => {
    const at = `experiences/${i}`;
    const title = text(`${at}/title`, entry.title, CV_LIMITS.text, { required: true });
    const programme = optional(text(`${at}/programme`, entry.programme, CV_LIMITS.text));
    const fund = optional(text(`${at}/fund`, entry.fund, CV_LIMITS.text));
    const role = text(`${at}/role`, entry.role, CV_LIMITS.text, { required: true });
    const countries = [...new Set((entry.countries ?? []).map((c) => c.trim().toUpperCase()))];
    if (countries.length > CV_LIMITS.countries) issue(`${at}/countries`, 'too_many_entries', CV_LIMITS.countries);
    countries.forEach((country, j) => {
      if (!isCountryCode(country)) issue(`${at}/countries/${j}`, 'unknown_country');
    });
    const yearFrom = year(`${at}/yearFrom`, entry.yearFrom, true);
    const yearTo = year(`${at}/yearTo`, entry.yearTo, false);
    if (yearFrom !== null && yearTo !== null && yearTo < yearFrom) issue(`${at}/yearTo`, 'year_order');
    return { title, programme, fund, countries, yearFrom: yearFrom ?? 0, yearTo, role };
  });

  if (issues.length > 0) throw new CvInvalidError(issues);
  return { headline, summary, languages, competences, experiences };
}
