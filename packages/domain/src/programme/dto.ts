import type { EnteProgressRow, TableProgressRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DocumentStatusSchema } from '../documents/dto.js';
import { EnteKindSchema, TableKindSchema } from '../dto.js';
import { literals, Nullable } from '../shared/schema.js';

export const PROGRESS_VIEWS = ['enti', 'tables'] as const;
export type ProgressView = (typeof PROGRESS_VIEWS)[number];
export const ProgressViewSchema = literals([...PROGRESS_VIEWS]);

const Count = Type.Integer({ minimum: 0 });

const FiguresSchema = {
  people: Type.Integer({ minimum: 0, description: 'participants (members of the table, people of the ente)' }),
  pattoSigned: Type.Integer({ minimum: 0, description: 'of them, those holding the current Patto' }),
  surveys: Type.Object({
    expected: Type.Integer({ minimum: 0, description: 'answers expected: one per person, or per ente, and survey' }),
    answered: Count,
  }),
  products: Type.Array(Type.Object({ dimension: Type.String(), status: DocumentStatusSchema, count: Count }), {
    description: 'documents with a dimension, by dimension and status (archived ones left out)',
  }),
  sessions: Type.Object({
    held: Count,
    coming: Count,
    attendances: Type.Integer({ minimum: 0, description: 'participants recorded present, summed over held sessions' }),
    attendancesExpected: Type.Integer({ minimum: 0, description: 'participants who could have been, summed likewise' }),
  }),
  questions: Type.Object({
    open: Count,
    answered: Type.Integer({ minimum: 0, description: 'questions a tutor has replied to' }),
    medianFirstReplyMinutes: Nullable(Type.Number({ description: 'from the question to a tutor’s first reply' })),
  }),
};

export const EnteProgressSchema = Type.Object({
  ente: Type.Object({ id: Type.Integer(), name: Type.String(), kind: EnteKindSchema, region: Nullable(Type.String()) }),
  ...FiguresSchema,
});
export type EnteProgressDto = Static<typeof EnteProgressSchema>;

export const TableProgressSchema = Type.Object({
  table: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    kind: TableKindSchema,
    enteId: Nullable(Type.Integer()),
    enteName: Nullable(Type.String()),
    regions: Type.Array(Type.String()),
  }),
  ...FiguresSchema,
});
export type TableProgressDto = Static<typeof TableProgressSchema>;

export const ProgressPageSchema = Type.Object({
  view: ProgressViewSchema,
  pattoVersion: Nullable(Type.Integer({ description: 'the current Patto; null when none is published' })),
  enti: Type.Optional(Type.Array(EnteProgressSchema)),
  tables: Type.Optional(Type.Array(TableProgressSchema)),
  nextCursor: Nullable(Type.String()),
});
export type ProgressPageDto = Static<typeof ProgressPageSchema>;

type Figures = Omit<EnteProgressDto, 'ente'>;

export function figuresToDto(row: EnteProgressRow | TableProgressRow): Figures {
  const median = row.median_first_reply_seconds;
  return {
    people: row.people,
    pattoSigned: row.patto_signed,
    surveys: { expected: row.surveys_expected, answered: row.surveys_answered },
    products: row.products,
    sessions: {
      held: row.sessions_held,
      coming: row.sessions_coming,
      attendances: row.attendances,
      attendancesExpected: row.attendances_expected,
    },
    questions: {
      open: row.questions_open,
      answered: row.questions_answered,
      medianFirstReplyMinutes: median === null ? null : Math.round(Number(median) / 60),
    },
  };
}
