import { type Links, type Rules, Tokenizer, type Tokens } from 'marked';
import { MAX_INLINE_DELIMITERS, MAX_INLINE_NESTING } from './limits.js';

const EMPHASIS = /[*_]/g;
const STRIKE = /~/g;

interface DelimiterCount {
  emphasis: number;
  strike: number;
}

/**
 * marked's tokenizer with bounded inline work. Emphasis and links recurse into their content,
 * and emphasis matching is quadratic in the delimiters of a run; both are capped, after which
 * the delimiters simply render as literal characters.
 */
export class BoundedTokenizer extends Tokenizer {
  private depth = 0;
  // Per lexer run, keyed by the masked inline source marked passes to emStrong and del.
  private counts = new Map<string, DelimiterCount>();
  private countsFor: unknown;

  private delimiters(maskedSrc: string): DelimiterCount {
    if (this.countsFor !== this.lexer) {
      this.counts.clear();
      this.countsFor = this.lexer;
    }
    let count = this.counts.get(maskedSrc);
    if (count === undefined) {
      count = { emphasis: maskedSrc.match(EMPHASIS)?.length ?? 0, strike: maskedSrc.match(STRIKE)?.length ?? 0 };
      this.counts.set(maskedSrc, count);
    }
    return count;
  }

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
    if (src[0] !== '*' && src[0] !== '_') return undefined;
    if (this.delimiters(maskedSrc).emphasis > MAX_INLINE_DELIMITERS) return undefined;
    return this.nested(() => super.emStrong(src, maskedSrc, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar?: string): Tokens.Del | undefined {
    if (src[0] !== '~') return undefined;
    if (this.delimiters(maskedSrc).strike > MAX_INLINE_DELIMITERS) return undefined;
    return this.nested(() => super.del(src, maskedSrc, prevChar));
  }

  override link(src: string): Tokens.Link | Tokens.Image | undefined {
    return this.nested(() => super.link(src));
  }

  override reflink(src: string, links: Links): Tokens.Link | Tokens.Image | Tokens.Text | undefined {
    return this.nested(() => super.reflink(src, links));
  }
}

// marked's inline `text` and `url` rules look ahead over every following address character
// (to stop before, or match, an email) and over every following space (to stop before a line
// break). Re-run at each step through a long run of such characters, those lookaheads are
// quadratic: 50,000 spaces took seconds. Bounded to a real local part (64) and a sane run of
// spaces they stay linear; longer local parts are simply not autolinked.
const BOUNDS: ReadonlyArray<readonly [string, string]> = [
  ['}~-]+@', '}~-]{1,64}@'],
  ['[A-Za-z0-9._+-]+', '[A-Za-z0-9._+-]{1,64}'],
  [' *\\n', ' {0,64}\\n'],
];

function bound(rule: RegExp): RegExp {
  let source = rule.source;
  for (const [from, to] of BOUNDS) source = source.replaceAll(from, to);
  return new RegExp(source, rule.flags);
}

const bounded = new WeakMap<Rules['inline'], Rules['inline']>();

/** The rules a lexer should use instead of marked's: same grammar, bounded lookaheads. */
export function boundRules(rules: Rules): Rules {
  let inline = bounded.get(rules.inline);
  if (inline === undefined) {
    inline = { ...rules.inline, text: bound(rules.inline.text), url: bound(rules.inline.url) };
    bounded.set(rules.inline, inline);
  }
  return { ...rules, inline };
}
