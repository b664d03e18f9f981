import { DOCUMENT_KINDS } from '../documents/vocabulary.js';
import { invalid } from '../shared/errors.js';
import {
  type ProductInput,
  SESSION_DAYS_MAX,
  SESSION_PLACE_MAX,
  SESSION_TITLE_MAX,
  SESSION_URL_MAX,
  type SessionInput,
} from './dto.js';

export interface CleanSession {
  title: string;
  dimension: string;
  starts_at: Date;
  days: number;
  place: string | null;
  online_url: string | null;
}

/** Each field its own code, so a form can point at it: `invalid_session_days`, `invalid_product_due_at`… */
const CODES: Record<string, string> = {
  title: 'invalid_session_title',
  place: 'invalid_session_place',
  online: 'invalid_session_online',
  startsAt: 'invalid_session_starts_at',
  days: 'invalid_session_days',
  dimension: 'invalid_dimension',
  documentKind: 'invalid_document_kind',
  dueAt: 'invalid_due_at',
};
const field = (name: string, message: string) => invalid(CODES[name] ?? 'invalid_field', `${name}: ${message}`);

function text(name: string, value: string | null | undefined, max: number): string | null {
  const clean = (value ?? '').trim();
  if (clean.length > max) throw field(name, `at most ${max} characters`);
  return clean || null;
}

/** A session as it may be stored, or a 400 naming the first field that is wrong. */
export function cleanSession(input: SessionInput, dimensions: ReadonlySet<string>): CleanSession {
  const title = text('title', input.title, SESSION_TITLE_MAX);
  if (!title) throw field('title', 'a title is needed');
  if (!dimensions.has(input.dimension)) throw field('dimension', `unknown dimension "${input.dimension}"`);
  const startsAt = new Date(input.startsAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(input.startsAt) || Number.isNaN(startsAt.getTime())) {
    throw field('startsAt', 'a date and time such as 2027-03-15T09:30:00+01:00');
  }
  // Half days exist ("1,5 giornate"); a session that ends before it starts does not.
  if (!(input.days > 0) || input.days > SESSION_DAYS_MAX || !Number.isInteger(input.days * 2)) {
    throw field('days', `a length from 0.5 to ${SESSION_DAYS_MAX} days, in steps of half a day`);
  }
  const online = text('online', input.online, SESSION_URL_MAX);
  if (online !== null && !isHttpsUrl(online)) throw field('online', 'an https:// link');
  return {
    title,
    dimension: input.dimension,
    starts_at: startsAt,
    days: input.days,
    place: text('place', input.place, SESSION_PLACE_MAX),
    online_url: online,
  };
}

function isHttpsUrl(value: string) {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

export function cleanProduct(input: ProductInput, dimensions: ReadonlySet<string>) {
  const kind = DOCUMENT_KINDS.find((k) => k === input.documentKind);
  if (!kind) throw field('documentKind', `unknown document kind "${input.documentKind}"`);
  if (!dimensions.has(input.dimension)) throw field('dimension', `unknown dimension "${input.dimension}"`);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(input.dueAt) ? new Date(`${input.dueAt}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.dueAt) {
    throw field('dueAt', 'a day such as 2027-06-30');
  }
  return { document_kind: kind, dimension: input.dimension, due_at: input.dueAt };
}
