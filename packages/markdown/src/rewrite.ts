import type { Token, Tokens } from 'marked';
import { isBoundary, splitMentions } from './mentions.js';

export interface RewriteRules {
  /** Called for every mention outside code and links; true renders it as a profile link. */
  mention(handle: string): boolean;
  /** False turns the image into its alt text. */
  image(href: string): boolean;
}

// Token types whose text is never prose: mentions inside them are not mentions.
const VERBATIM = new Set(['code', 'codespan', 'html']);

function rewriteList(tokens: Token[], rules: RewriteRules, inLink: boolean): void {
  const rewritten: Token[] = [];
  let changed = false;
  let before: string | undefined;
  for (const token of tokens) {
    const replacement = rewriteToken(token, rules, inLink, before);
    before = token.raw.at(-1);
    if (replacement === undefined) {
      rewritten.push(token);
      continue;
    }
    changed = true;
    for (const part of replacement) rewritten.push(part);
  }
  if (!changed) return;
  // In place, because the parent token keeps its reference to this array.
  tokens.length = 0;
  for (const token of rewritten) tokens.push(token);
}

function rewriteToken(
  token: Token,
  rules: RewriteRules,
  inLink: boolean,
  before: string | undefined,
): Token[] | undefined {
  if (VERBATIM.has(token.type)) return undefined;
  if (token.type === 'image' && !rules.image(token.href)) {
    return [{ type: 'text', raw: token.raw, text: token.text, escaped: false } satisfies Tokens.Text];
  }
  if (token.type === 'text' && !token.tokens) {
    return inLink || token.escaped ? undefined : splitMentions(token.text, isBoundary(before), rules.mention);
  }
  const childInLink = inLink || token.type === 'link' || token.type === 'image';
  if (token.type === 'list') {
    for (const item of token.items) rewriteList(item.tokens, rules, childInLink);
  } else if (token.type === 'table') {
    for (const cell of token.header) rewriteList(cell.tokens, rules, childInLink);
    for (const row of token.rows) for (const cell of row) rewriteList(cell.tokens, rules, childInLink);
  } else if ('tokens' in token && token.tokens) {
    rewriteList(token.tokens, rules, childInLink);
  }
  return undefined;
}

/**
 * Walks marked's token tree once, turning `@handle` text into mention tokens and disallowed
 * images into plain text. Working on tokens keeps code spans, code blocks and link texts
 * out of reach without any pattern matching on HTML.
 */
export function rewriteTokens(tokens: Token[], rules: RewriteRules): void {
  rewriteList(tokens, rules, false);
}
