import { type Executor, userRepo } from '@hubspoke/db';
import { extractMentions, MAX_SOURCE_LENGTH, normaliseText, renderMarkdown, toPlainText } from '@hubspoke/markdown';
import type { Deps } from '../shared/deps.js';
import { invalid } from '../shared/errors.js';

export interface PreparedBody {
  /** The Markdown source as stored (normalised: no control characters, \n line ends). */
  body: string;
  bodyHtml: string;
  plainText: string;
  mentionedUserIds: number[];
}

/** The Markdown as it may be stored: no control characters, \n line ends, not empty, not too long. */
export function cleanSource(source: string): string {
  const body = normaliseText(source).trim();
  if (body.length === 0) throw invalid('empty_body', 'Write something first');
  if (body.length > MAX_SOURCE_LENGTH)
    throw invalid('body_too_long', `A post can have at most ${MAX_SOURCE_LENGTH} characters`);
  return body;
}

/**
 * Validates and renders a post body. Mentions become links only for people who can read the
 * thread; everyone else stays plain text, so a mention never reveals a private lab.
 */
export async function prepareBody(
  deps: Pick<Deps, 'config'>,
  db: Executor,
  tableId: number,
  source: string,
): Promise<PreparedBody> {
  const body = cleanSource(source);
  const candidates = extractMentions(body);
  const mentioned = await userRepo.mentionable(db, tableId, candidates);
  const bodyHtml = renderMarkdown(body, {
    publicOrigin: deps.config.publicOrigin,
    mentions: new Set(mentioned.map((u) => u.handle.toLowerCase())),
  }).trim();
  return { body, bodyHtml, plainText: toPlainText(bodyHtml), mentionedUserIds: mentioned.map((u) => u.id) };
}

export const TITLE_MIN = 5;
export const TITLE_MAX = 200;

export function prepareTitle(title: string): string {
  const clean = normaliseText(title).replace(/\s+/g, ' ').trim();
  if (clean.length < TITLE_MIN || clean.length > TITLE_MAX) {
    throw invalid('invalid_title', `The title must have between ${TITLE_MIN} and ${TITLE_MAX} characters`);
  }
  return clean;
}
