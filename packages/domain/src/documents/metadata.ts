import { normaliseText } from '@hubspoke/markdown';
import { invalid } from '../shared/errors.js';

export const DESCRIPTION_MAX = 5_000;
export const NOTE_MAX = 2_000;
export const TAGS_MAX = 10;
export const TAG_MAX = 40;

function cleanText(text: string | undefined, max: number, code: string, what: string): string {
  const clean = normaliseText(text ?? '').trim();
  if (clean.length > max) throw invalid(code, `${what} can have at most ${max} characters`);
  return clean;
}

export const prepareDescription = (text: string | undefined) =>
  cleanText(text, DESCRIPTION_MAX, 'invalid_description', 'A description');

export const prepareNote = (text: string | undefined) => cleanText(text, NOTE_MAX, 'invalid_note', 'A version note');

/** Tags are short lowercase labels; repeated or comma-separated, duplicates dropped, order kept. */
export function prepareTags(tags: readonly string[] | undefined): string[] {
  const clean = new Set<string>();
  for (const tag of (tags ?? []).flatMap((t) => t.split(','))) {
    const label = normaliseText(tag).replace(/\s+/g, ' ').trim().toLocaleLowerCase('it');
    if (label === '') continue;
    if (label.length > TAG_MAX) throw invalid('invalid_tags', `A tag can have at most ${TAG_MAX} characters`);
    clean.add(label);
  }
  if (clean.size > TAGS_MAX) throw invalid('invalid_tags', `A document can have at most ${TAGS_MAX} tags`);
  return [...clean];
}
