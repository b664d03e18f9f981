import type { ProductInput, SessionInput } from '@hubspoke/domain';
import type { Form } from '../respond.js';

/** What a session form holds, as typed: given back to the form when the service refuses it. */
export interface SessionFields {
  title: string;
  dimension: string;
  date: string;
  time: string;
  days: string;
  place: string;
  online: string;
}

export interface ProductFields {
  dimension: string;
  documentKind: string;
  dueAt: string;
}

const ROME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function romeParts(at: Date) {
  const parts = Object.fromEntries(ROME.formatToParts(at).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The Rome wall-clock day and time of a moment, as the date and time inputs take them. */
export const romeInputs = (iso: string) => romeParts(new Date(iso));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The moment a Rome wall-clock day and time name, as ISO 8601; a day or time that does not exist
 * is passed on as typed, so the service names the field that is wrong.
 */
export function romeInstant(date: string, time: string): string {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return `${date}T${time}`.trim();
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  if (hour > 23 || minute > 59 || new Date(wanted).toISOString().slice(0, 10) !== date) return `${date}T${time}x`;
  // Rome is one or two hours ahead of UTC: correct the guess by the offset found at it, twice.
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const seen = romeParts(new Date(guess));
    const [sy, sm, sd] = seen.date.split('-').map(Number) as [number, number, number];
    const [sh, smin] = seen.time.split(':').map(Number) as [number, number];
    guess += wanted - Date.UTC(sy, sm - 1, sd, sh, smin);
  }
  return new Date(guess).toISOString();
}

export function sessionFields(form: Form): SessionFields {
  return {
    title: form.text('title'),
    dimension: form.text('dimension'),
    date: form.text('date'),
    time: form.text('time'),
    days: form.text('days'),
    place: form.text('place'),
    online: form.text('online'),
  };
}

/** "1,5" and "1.5" alike; anything else reaches the service as not a number, which it refuses by name. */
const daysOf = (value: string) => (/^\d+([.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : Number.NaN);

export function sessionInput(fields: SessionFields): SessionInput {
  return {
    title: fields.title,
    dimension: fields.dimension,
    startsAt: romeInstant(fields.date, fields.time),
    days: daysOf(fields.days),
    place: fields.place || null,
    online: fields.online || null,
  };
}

export const productFields = (form: Form): ProductFields => ({
  dimension: form.text('dimension'),
  documentKind: form.text('documentKind'),
  dueAt: form.text('dueAt'),
});

export const productInput = (fields: ProductFields): ProductInput => ({ ...fields });

/** The fields each service error code is about, so the form marks them. */
export const SESSION_FIELDS_BY_CODE: Record<string, string[]> = {
  invalid_session_title: ['title'],
  invalid_session_place: ['place'],
  invalid_session_online: ['online'],
  invalid_session_starts_at: ['date', 'time'],
  invalid_session_days: ['days'],
  invalid_dimension: ['dimension'],
};

export const PRODUCT_FIELDS_BY_CODE: Record<string, string[]> = {
  invalid_document_kind: ['documentKind'],
  invalid_dimension: ['dimension'],
  invalid_due_at: ['dueAt'],
  product_exists: ['documentKind', 'dimension'],
};
