/** Longest post source the API accepts; callers reject longer input before rendering. */
export const MAX_SOURCE_LENGTH = 50_000;

/**
 * Deepest block nesting (blockquote and list markers on one line) that survives preprocessing.
 * marked recurses once per level, so unbounded nesting overflows the stack.
 */
export const MAX_NESTING = 20;

/**
 * Widest leading indentation (in columns, tab = 4) kept on a line. Indentation alone can
 * also open nested lists, and 5,000 indented levels exhaust marked's memory.
 */
export const MAX_INDENT_COLUMNS = 80;

/**
 * Emphasis delimiters (`*`, `_`, `~`) honoured per inline run. marked matches each opener
 * against every later closer, which is quadratic; past this count they render literally.
 */
export const MAX_INLINE_DELIMITERS = 300;

/** Deepest nesting of emphasis and links inside one another. */
export const MAX_INLINE_NESTING = 20;

/** Mentions notified per post, so one post cannot page the whole community. */
export const MAX_MENTIONS = 50;
