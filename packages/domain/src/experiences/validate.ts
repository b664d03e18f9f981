import type { StakeholderKind } from '@hubspoke/db';
import { normaliseEmail } from '../auth/users.js';
import { isCountryCode } from '../cv/vocabulary.js';
import { invalid } from '../shared/errors.js';
import {
  EXPERIENCE_LIMITS,
  type ExperienceInput,
  SECTORS,
  STAKEHOLDER_KINDS,
  STAKEHOLDER_LIMITS,
  type StakeholderInput,
} from './dto.js';

/** The vocabularies a sheet is checked against, read once per request. */
export interface Vocabularies {
  focusAreas: ReadonlySet<string>;
  dimensions: ReadonlySet<string>;
}

/** Each field its own code, so a form can point at it; the message names the field. */
const CODES: Record<string, string> = {
  title: 'invalid_experience_title',
  summary: 'invalid_experience_summary',
  programme: 'invalid_experience_programme',
  fund: 'invalid_experience_fund',
  partners: 'invalid_partners',
  results: 'invalid_experience_results',
  lessons: 'invalid_experience_lessons',
  countries: 'invalid_country',
  sectors: 'invalid_sector',
  focusArea: 'invalid_focus_area',
  dimension: 'invalid_dimension',
  yearFrom: 'invalid_years',
  yearTo: 'invalid_years',
  name: 'invalid_stakeholder_name',
  kind: 'invalid_stakeholder_kind',
  region: 'invalid_region',
  website: 'invalid_website',
  email: 'invalid_email',
  notes: 'invalid_stakeholder_notes',
};
const field = (name: string, message: string) => invalid(CODES[name] ?? 'invalid_field', `${name}: ${message}`);

function text(name: string, value: string | null | undefined, max: number): string | null {
  const clean = (value ?? '').replace(/\r\n?/g, '\n').trim();
  if (clean.length > max) throw field(name, `at most ${max} characters`);
  return clean || null;
}

function required(name: string, value: string | null | undefined, max: number): string {
  const clean = text(name, value, max);
  if (!clean) throw field(name, 'this field is needed');
  return clean;
}

function countries(values: readonly string[] | undefined): string[] {
  const codes = [...new Set((values ?? []).map((c) => c.trim().toUpperCase()))];
  const wrong = codes.find((c) => !isCountryCode(c));
  if (wrong !== undefined) throw field('countries', `"${wrong}" is not an ISO 3166-1 alpha-2 country code`);
  return codes;
}

function sectors(values: readonly string[] | undefined): string[] {
  const keys = [...new Set((values ?? []).map((s) => s.trim()))];
  const wrong = keys.find((s) => !(SECTORS as readonly string[]).includes(s));
  if (wrong !== undefined) throw field('sectors', `"${wrong}" is not one of ${SECTORS.join(', ')}`);
  return keys;
}

/** The content of a sheet as it may be stored, or a 400 naming the first field that is wrong. */
export function cleanExperience(input: ExperienceInput, vocabularies: Vocabularies) {
  if (!vocabularies.focusAreas.has(input.focusArea))
    throw field('focusArea', `unknown focus area "${input.focusArea}"`);
  const dimension = input.dimension || null;
  if (dimension !== null && !vocabularies.dimensions.has(dimension)) {
    throw field('dimension', `unknown dimension "${dimension}"`);
  }
  const yearTo = input.yearTo ?? null;
  if (yearTo !== null && yearTo < input.yearFrom) throw field('yearTo', 'the experience cannot end before it starts');
  const partners = [
    ...new Set((input.partners ?? []).map((p) => text('partners', p, EXPERIENCE_LIMITS.partner)).filter(Boolean)),
  ] as string[];
  return {
    title: required('title', input.title, EXPERIENCE_LIMITS.title),
    ente_id: input.enteId,
    summary: required('summary', input.summary, EXPERIENCE_LIMITS.summary),
    programme: text('programme', input.programme, EXPERIENCE_LIMITS.programme),
    fund: text('fund', input.fund, EXPERIENCE_LIMITS.fund),
    countries: countries(input.countries),
    partners,
    sectors: sectors(input.sectors),
    focus_area: input.focusArea,
    dimension,
    year_from: input.yearFrom,
    year_to: yearTo,
    budget_eur: input.budgetEur ?? null,
    results: text('results', input.results, EXPERIENCE_LIMITS.results),
    lessons: text('lessons', input.lessons, EXPERIENCE_LIMITS.lessons),
  };
}

function website(value: string | null | undefined): string | null {
  const clean = text('website', value, STAKEHOLDER_LIMITS.website);
  if (clean === null) return null;
  try {
    const url = new URL(clean);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // reported below
  }
  throw field('website', 'an http:// or https:// address');
}

function email(value: string | null | undefined): string | null {
  const clean = text('email', value, STAKEHOLDER_LIMITS.email);
  return clean === null ? null : normaliseEmail(clean);
}

export function cleanStakeholder(input: StakeholderInput) {
  const kind = STAKEHOLDER_KINDS.find((k) => k === input.kind) as StakeholderKind | undefined;
  if (!kind) throw field('kind', `"${input.kind}" is not one of ${STAKEHOLDER_KINDS.join(', ')}`);
  return {
    name: required('name', input.name, STAKEHOLDER_LIMITS.name),
    kind,
    region: required('region', input.region, STAKEHOLDER_LIMITS.region),
    sectors: sectors(input.sectors),
    countries: countries(input.countries),
    website: website(input.website),
    email: email(input.email),
    notes: text('notes', input.notes, STAKEHOLDER_LIMITS.notes),
    ente_id: input.enteId,
  };
}
