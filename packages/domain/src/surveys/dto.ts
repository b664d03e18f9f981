import type { SurveyRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';

export const QUESTION_TYPES = ['single', 'multi', 'text', 'number', 'countries', 'scale'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'lowercase letters, digits and _' });
export const LabelSchema = Type.Object(
  { it: Type.String({ minLength: 1, maxLength: 500 }), en: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export type Label = Static<typeof LabelSchema>;

export const OptionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_]{0,39}$' }),
    label: LabelSchema,
    other: Type.Optional(Type.Literal(true, { description: 'takes a text ("Altro (specificare)")' })),
    group: Type.Optional(Type.String({ description: 'countries: the area (group key) it belongs to' })),
  },
  { additionalProperties: false },
);
export type Option = Static<typeof OptionSchema>;

export const QuestionSchema = Type.Object(
  {
    key: Key,
    type: literals([...QUESTION_TYPES]),
    label: LabelSchema,
    section: Type.Optional(LabelSchema),
    options: Type.Optional(Type.Array(OptionSchema, { maxItems: 300 })),
    groups: Type.Optional(
      Type.Array(Type.Object({ key: Type.String(), label: LabelSchema }, { additionalProperties: false }), {
        maxItems: 20,
      }),
    ),
    required: Type.Optional(Type.Boolean()),
    min: Type.Optional(Type.Number()),
    max: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);
export type Question = Static<typeof QuestionSchema>;

export const RespondentSchema = literals(['person', 'ente']);
export const SurveyStatusSchema = literals(['scheduled', 'open', 'closed']);
export type SurveyStatus = Static<typeof SurveyStatusSchema>;

export const TemplateSchema = Type.Object({
  key: Type.String(),
  title: LabelSchema,
  description: LabelSchema,
  respondent: RespondentSchema,
  questions: Type.Array(QuestionSchema),
});

export function surveyStatus(row: Pick<SurveyRow, 'opens_at' | 'closes_at'>, now: Date): SurveyStatus {
  if (row.opens_at > now) return 'scheduled';
  return row.closes_at !== null && row.closes_at <= now ? 'closed' : 'open';
}

const surveyFields = {
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  template: Nullable(Type.String()),
  respondent: RespondentSchema,
  status: SurveyStatusSchema,
  opensAt: DateTime,
  closesAt: Nullable(DateTime),
  createdAt: DateTime,
};

export const SurveySchema = Type.Object({
  ...surveyFields,
  questions: Type.Array(QuestionSchema),
  tables: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export type SurveyDto = Static<typeof SurveySchema>;

export function surveyToDto(row: SurveyRow, tables: Array<{ id: number; name: string }>, now: Date): SurveyDto {
  return {
    ...surveySummary(row, now),
    questions: row.questions as Question[],
    tables,
  };
}

function surveySummary(row: SurveyRow, now: Date) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    template: row.template,
    respondent: row.respondent,
    status: surveyStatus(row, now),
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export const SurveyListItemSchema = Type.Object({
  ...surveyFields,
  answered: Type.Boolean({ description: 'you (or, for an ente survey, your ente) submitted an answer' }),
  answeredAt: Nullable(DateTime),
  draftSavedAt: Nullable(DateTime),
  canAnswer: Type.Boolean(),
});
export type SurveyListItemDto = Static<typeof SurveyListItemSchema>;

export function surveyListItemToDto(
  row: SurveyRow & { answered_at: Date | null; draft_saved_at: Date | null; can_answer: boolean },
  now: Date,
): SurveyListItemDto {
  return {
    ...surveySummary(row, now),
    answered: row.answered_at !== null,
    answeredAt: row.answered_at?.toISOString() ?? null,
    draftSavedAt: row.draft_saved_at?.toISOString() ?? null,
    canAnswer: row.can_answer,
  };
}

export const AnswersSchema = Type.Record(Type.String(), Type.Unknown());
export type Answers = Record<string, unknown>;

export const PersonRefSchema = Type.Object({ id: Type.Integer(), displayName: Type.String() });

export const ResponseSchema = Type.Object({
  answers: AnswersSchema,
  submitted: Type.Boolean(),
  submittedAt: Nullable(DateTime),
  updatedAt: DateTime,
  updatedBy: Nullable(PersonRefSchema),
  enteId: Nullable(Type.Integer()),
});
export type ResponseDto = Static<typeof ResponseSchema>;

export const HistoryEntrySchema = Type.Object({
  changedBy: Nullable(PersonRefSchema),
  changedAt: DateTime,
  submitted: Type.Boolean(),
});

export const SurveyViewSchema = Type.Object({
  survey: SurveySchema,
  response: Nullable(ResponseSchema),
  history: Type.Array(HistoryEntrySchema, { description: 'every save of the response, with who made it' }),
  canAnswer: Type.Boolean(),
  resultsVisible: Type.Boolean(),
});
export type SurveyViewDto = Static<typeof SurveyViewSchema>;

const Counts = Type.Record(Type.String(), Type.Integer(), { description: 'option key → responses that chose it' });
const GroupCounts = Type.Object({ answered: Type.Integer(), counts: Counts });

export const QuestionResultSchema = Type.Object({
  key: Type.String(),
  type: literals([...QUESTION_TYPES]),
  label: LabelSchema,
  answered: Type.Integer({ description: 'submitted responses that answered it' }),
  options: Type.Array(Type.Object({ key: Type.String(), label: LabelSchema, count: Type.Integer() })),
  byTable: Type.Array(Type.Intersect([Type.Object({ tableId: Type.Integer() }), GroupCounts])),
  byRegion: Type.Array(Type.Intersect([Type.Object({ region: Type.String() }), GroupCounts])),
  others: Type.Array(Type.Object({ option: Type.String(), text: Type.String() })),
  numbers: Nullable(
    Type.Object({
      count: Type.Integer(),
      min: Nullable(Type.Number()),
      max: Nullable(Type.Number()),
      mean: Nullable(Type.Number()),
    }),
  ),
});
export type QuestionResultDto = Static<typeof QuestionResultSchema>;

export const ResultsSchema = Type.Object({
  survey: SurveySchema,
  responseRate: Type.Object({
    answered: Type.Integer(),
    expected: Type.Integer({ description: 'people (or enti) who may answer' }),
    rate: Nullable(Type.Number({ description: 'answered / expected, 0 to 1' })),
  }),
  tables: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), respondents: Type.Integer() })),
  regions: Type.Array(Type.Object({ region: Type.String(), respondents: Type.Integer() })),
  questions: Type.Array(QuestionResultSchema),
});
export type ResultsDto = Static<typeof ResultsSchema>;

export const EnteProfileSchema = Type.Object({
  surveyId: Type.Integer(),
  title: Type.String(),
  updatedAt: DateTime,
  updatedBy: Nullable(PersonRefSchema),
  answers: Type.Array(
    Type.Object({
      key: Type.String(),
      section: Nullable(LabelSchema),
      label: LabelSchema,
      text: LabelSchema,
    }),
  ),
});
export type EnteProfileDto = Static<typeof EnteProfileSchema>;
