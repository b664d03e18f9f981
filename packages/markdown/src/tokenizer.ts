import { type Links, Tokenizer, type Tokens } from 'marked';
import { MAX_INLINE_DELIMITERS, MAX_INLINE_NESTING } from './limits.js';

const EMPHASIS = /[*_]/g;
const STRIKE = /~/g;

// One-entry cache: marked asks repeatedly about the same masked inline run.
let countedSource = '';
let countedEmphasis = 0;
let countedStrike = 0;

function delimiters(maskedSrc: string): { emphasis: number; strike: number } {
  if (maskedSrc !== countedSource) {
    countedSource = maskedSrc;
    countedEmphasis = maskedSrc.match(EMPHASIS)?.length ?? 0;
    countedStrike = maskedSrc.match(STRIKE)?.length ?? 0;
  }
  return { emphasis: countedEmphasis, strike: countedStrike };
}

/**
 * marked's tokenizer with bounded inline work. Emphasis and links recurse into their content,
 * and emphasis matching is quadratic in the delimiters of a run; both are capped, after which
 * the delimiters simply render as literal characters.
 */
export class BoundedTokenizer extends Tokenizer {
  private depth = 0;

  private nested<T>(parse: () => T | undefined): T | undefined {
    if (this.depth >= MAX_INLINE_NESTING) return undefined;
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  override emStrong(src: string, maskedSrc: string, prevChar?: string): Tokens.Em | Tokens.Strong | undefined {
    if (delimiters(maskedSrc).emphasis > MAX_INLINE_DELIMITERS) return undefined;
    return this.nested(() => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string): Tokens.Del | undefined {
    if (delimiters(maskedSrc).strike > MAX_INLINE_DELIMITERS) return undefined;
    return this.nested(() => super.del(src, maskedSrc, prevChar));
  }

  override link(src: string): Tokens.Link | Tokens.Image | undefined {
    return this.nested(() => super.link(src));
  }

  override reflink(src: string, links: Links): Tokens.Link | Tokens.Image | Tokens.Text | undefined {
    return this.nested(() => super.reflink(src, links));
  }
}
