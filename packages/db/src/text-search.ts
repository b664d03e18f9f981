import { type RawBuilder, sql } from 'kysely';

/**
 * The two text-search configurations every search uses: PostgreSQL's Italian and English
 * stemming with accents taken off first, so "perche" finds "perché" and the other way round.
 * Made by the migration `20261207_2100_unaccented_search`; both sides of a match must use them.
 */
export const TS_ITALIAN = 'hubspoke_italian';
export const TS_ENGLISH = 'hubspoke_english';

/** A text's lexemes in both languages. */
export const tsVector = (text: string | RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`(to_tsvector(${sql.lit(TS_ITALIAN)}::regconfig, ${text}) || to_tsvector(${sql.lit(TS_ENGLISH)}::regconfig, ${text}))`;

/** What someone typed in a search box (quotes, `or`, `-`), in both languages. */
export const tsQuery = (text: string): RawBuilder<unknown> =>
  sql`(websearch_to_tsquery(${sql.lit(TS_ITALIAN)}::regconfig, ${text}) || websearch_to_tsquery(${sql.lit(TS_ENGLISH)}::regconfig, ${text}))`;
