import type { CvContentDto, CvInput, CvIssue } from '@hubspoke/domain';
import type { Form } from '../respond.js';

/** The CV form as the browser holds it: every value a string, rows in the order shown. */
export interface CvDraft {
  headline: string;
  summary: string;
  languages: Array<{ code: string; level: string }>;
  competences: Array<{ skill: string; dimension: string; focusArea: string }>;
  experiences: Array<{
    title: string;
    programme: string;
    fund: string;
    countries: string[];
    yearFrom: string;
    yearTo: string;
    role: string;
  }>;
}

export type CvList = 'languages' | 'competences' | 'experiences';
export const CV_LISTS: readonly CvList[] = ['languages', 'competences', 'experiences'];

/** Empty rows offered below the saved ones, and the most rows a form may post. */
export const BLANK_ROWS = 3;
export const MAX_ROWS = 60;

const blank = {
  languages: () => ({ code: '', level: '' }),
  competences: () => ({ skill: '', dimension: '', focusArea: '' }),
  experiences: () => ({ title: '', programme: '', fund: '', countries: [], yearFrom: '', yearTo: '', role: '' }),
};

/** The saved CV, with `extra` empty rows after each list's entries. */
export function draftOf(cv: CvContentDto, extra = BLANK_ROWS): CvDraft {
  const pad = <T>(rows: T[], make: () => T) => [...rows, ...Array.from({ length: extra }, make)];
  return {
    headline: cv.headline,
    summary: cv.summary,
    languages: pad(
      cv.languages.map((l) => ({ ...l })),
      blank.languages,
    ),
    competences: pad(
      cv.competences.map((c) => ({ skill: c.skill, dimension: c.dimension ?? '', focusArea: c.focusArea ?? '' })),
      blank.competences,
    ),
    experiences: pad(
      cv.experiences.map((e) => ({
        title: e.title,
        programme: e.programme ?? '',
        fund: e.fund ?? '',
        countries: [...e.countries],
        yearFrom: String(e.yearFrom),
        yearTo: e.yearTo === null ? '' : String(e.yearTo),
        role: e.role,
      })),
      blank.experiences,
    ),
  };
}

/** More empty rows at the end of each list, never past `MAX_ROWS`. */
export function withMoreRows(draft: CvDraft, extra = BLANK_ROWS): CvDraft {
  const grow = <T>(rows: T[], make: () => T) => [
    ...rows,
    ...Array.from({ length: Math.max(0, Math.min(extra, MAX_ROWS - rows.length)) }, make),
  ];
  return {
    ...draft,
    languages: grow(draft.languages, blank.languages),
    competences: grow(draft.competences, blank.competences),
    experiences: grow(draft.experiences, blank.experiences),
  };
}

/** The field name of a row's value: `languages.2.code`. */
export const rowName = (list: CvList, row: number, field: string) => `${list}.${row}.${field}`;

/** Reads the posted rows by their numbers; a row is there when any of its fields was sent. */
export function readDraft(form: Form, posted: Record<string, unknown>): CvDraft {
  const sent = new Set(Object.keys(posted));
  const rows = <T>(list: CvList, fields: readonly string[], read: (row: number) => T): T[] => {
    const out: T[] = [];
    let last = -1;
    for (let row = 0; row < MAX_ROWS; row++) if (fields.some((f) => sent.has(rowName(list, row, f)))) last = row;
    for (let row = 0; row <= last; row++) out.push(read(row));
    return out;
  };
  return {
    headline: form.text('headline'),
    summary: form.secret('summary'),
    languages: rows('languages', ['code', 'level'], (i) => ({
      code: form.text(rowName('languages', i, 'code')),
      level: form.text(rowName('languages', i, 'level')),
    })),
    competences: rows('competences', ['skill', 'dimension', 'focusArea'], (i) => ({
      skill: form.text(rowName('competences', i, 'skill')),
      dimension: form.text(rowName('competences', i, 'dimension')),
      focusArea: form.text(rowName('competences', i, 'focusArea')),
    })),
    experiences: rows(
      'experiences',
      ['title', 'programme', 'fund', 'countries', 'yearFrom', 'yearTo', 'role'],
      (i) => ({
        title: form.text(rowName('experiences', i, 'title')),
        programme: form.text(rowName('experiences', i, 'programme')),
        fund: form.text(rowName('experiences', i, 'fund')),
        countries: form
          .all(rowName('experiences', i, 'countries'))
          .map((c) => c.trim())
          .filter(Boolean),
        yearFrom: form.text(rowName('experiences', i, 'yearFrom')),
        yearTo: form.text(rowName('experiences', i, 'yearTo')),
        role: form.text(rowName('experiences', i, 'role')),
      }),
    ),
  };
}

const isBlank = (row: Record<string, string | string[]>) =>
  Object.values(row).every((v) => (Array.isArray(v) ? v.length === 0 : v.trim() === ''));

/** A year as typed: empty is none, anything not a number is kept as one the service refuses. */
const yearOf = (text: string) => (text === '' ? null : /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN);

/**
 * What the service is given: the rows that hold anything, in order. `rows` tells, for each
 * list, which form row each entry came from, so a refusal is shown next to its own field.
 */
export function inputOf(draft: CvDraft): { input: CvInput; rows: Record<CvList, number[]> } {
  const rows: Record<CvList, number[]> = { languages: [], competences: [], experiences: [] };
  const kept = <T extends Record<string, string | string[]>>(list: CvList, entries: T[]) =>
    entries.filter((entry, i) => {
      if (isBlank(entry)) return false;
      rows[list].push(i);
      return true;
    });
  return {
    rows,
    input: {
      headline: draft.headline,
      summary: draft.summary,
      languages: kept('languages', draft.languages),
      competences: kept('competences', draft.competences),
      experiences: kept('experiences', draft.experiences).map((e) => ({
        title: e.title,
        programme: e.programme,
        fund: e.fund,
        countries: e.countries,
        yearFrom: yearOf(e.yearFrom),
        yearTo: yearOf(e.yearTo),
        role: e.role,
      })),
    },
  };
}

/** The id of a field's input in the page: `cv-experiences-2-yearTo`; lists and single fields too. */
export const fieldId = (path: string) => `cv-${path.replace(/\//g, '-')}`;

/**
 * An issue of the service, moved from its entry to the form row it came from
 * (`experiences/0/countries/1` → the row's countries picker).
 */
export function issueToField(issue: CvIssue, rows: Record<CvList, number[]>): string {
  const [list, entry, field] = issue.field.split('/');
  if (list && (CV_LISTS as readonly string[]).includes(list) && entry !== undefined && field !== undefined) {
    const row = rows[list as CvList][Number(entry)] ?? Number(entry);
    return `${list}/${row}/${field}`;
  }
  return issue.field;
}
