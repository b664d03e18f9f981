import type { ExperienceListRow, StakeholderKind, StakeholderListRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';

/** The sectors of slide 17, as the surveys' sector question has them. */
export const SECTORS = [
  'industria',
  'innovazione_egov',
  'ricerca_sviluppo',
  'internazionalizzazione_impresa',
  'cultura',
  'formazione',
  'politiche_sociali',
  'trasporti',
  'altro',
] as const;

export const STAKEHOLDER_KINDS = [
  'comune',
  'provincia',
  'regione',
  'associazione',
  'ong',
  'agenzia',
  'universita',
  'impresa',
  'camera_di_commercio',
  'altro',
] as const satisfies readonly StakeholderKind[];

export const EXPERIENCE_LIMITS = {
  title: 200,
  summary: 5000,
  programme: 200,
  fund: 200,
  partner: 200,
  partners: 50,
  countries: 50,
  sectors: 20,
  results: 5000,
  lessons: 5000,
  links: 20,
} as const;

export const STAKEHOLDER_LIMITS = { name: 200, region: 80, website: 500, email: 254, notes: 2000 } as const;

const Codes = (maxItems: number) => Type.Array(Type.String({ maxLength: 40 }), { maxItems });
const Text = (maxLength: number) => Type.String({ maxLength });
const Year = Type.Integer({ minimum: 1950, maximum: 2100 });

export const ExperienceInputSchema = Type.Object(
  {
    title: Text(EXPERIENCE_LIMITS.title),
    enteId: Type.Integer({ minimum: 1 }),
    summary: Text(EXPERIENCE_LIMITS.summary),
    programme: Type.Optional(Nullable(Text(EXPERIENCE_LIMITS.programme))),
    fund: Type.Optional(Nullable(Text(EXPERIENCE_LIMITS.fund))),
    countries: Type.Optional(Codes(EXPERIENCE_LIMITS.countries)),
    partners: Type.Optional(Type.Array(Text(EXPERIENCE_LIMITS.partner), { maxItems: EXPERIENCE_LIMITS.partners })),
    sectors: Type.Optional(Codes(EXPERIENCE_LIMITS.sectors)),
    focusArea: Type.String({ maxLength: 40 }),
    dimension: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    yearFrom: Year,
    yearTo: Type.Optional(Nullable(Year)),
    budgetEur: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1e12 }))),
    results: Type.Optional(Nullable(Text(EXPERIENCE_LIMITS.results))),
    lessons: Type.Optional(Nullable(Text(EXPERIENCE_LIMITS.lessons))),
    documentIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: EXPERIENCE_LIMITS.links })),
    threadIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: EXPERIENCE_LIMITS.links })),
  },
  { additionalProperties: false },
);
export type ExperienceInput = Static<typeof ExperienceInputSchema>;

export const ExperiencePatchSchema = Type.Partial(
  Type.Object({
    ...ExperienceInputSchema.properties,
    status: literals(['draft', 'published']),
  }),
  { additionalProperties: false },
);
export type ExperiencePatch = Static<typeof ExperiencePatchSchema>;

const EnteRef = Type.Object({ id: Type.Integer(), name: Type.String() });

export const ExperienceSchema = Type.Object({
  id: Type.Integer(),
  status: literals(['draft', 'published']),
  title: Type.String(),
  ente: Type.Object({ ...EnteRef.properties, region: Nullable(Type.String()) }),
  author: Nullable(Type.Object({ id: Type.Integer(), displayName: Type.String() })),
  summary: Type.String(),
  programme: Nullable(Type.String()),
  fund: Nullable(Type.String()),
  countries: Type.Array(Type.String()),
  partners: Type.Array(Type.String()),
  sectors: Type.Array(Type.String()),
  focusArea: Type.String(),
  dimension: Nullable(Type.String()),
  yearFrom: Type.Integer(),
  yearTo: Nullable(Type.Integer()),
  budgetEur: Nullable(Type.Integer()),
  results: Nullable(Type.String()),
  lessons: Nullable(Type.String()),
  publishedAt: Nullable(DateTime),
  updatedAt: DateTime,
});
export type ExperienceDto = Static<typeof ExperienceSchema>;

export const ExperienceLinkSchema = Type.Object({
  kind: literals(['document', 'thread']),
  id: Type.Integer(),
  title: Type.String(),
  tableName: Type.String(),
});

export const ExperienceDetailSchema = Type.Object({
  ...ExperienceSchema.properties,
  links: Type.Array(ExperienceLinkSchema, { description: 'those the reader may read' }),
  canEdit: Type.Boolean(),
  canPublish: Type.Boolean(),
});
export type ExperienceDetailDto = Static<typeof ExperienceDetailSchema>;

export const ExperiencePageSchema = Type.Object({
  items: Type.Array(ExperienceSchema),
  nextCursor: Nullable(Type.String()),
});

export function experienceToDto(row: ExperienceListRow): ExperienceDto {
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    ente: { id: row.ente_id, name: row.ente_name, region: row.ente_region },
    author:
      row.author_id !== null && row.author_name !== null ? { id: row.author_id, displayName: row.author_name } : null,
    summary: row.summary,
    programme: row.programme,
    fund: row.fund,
    countries: row.countries,
    partners: row.partners,
    sectors: row.sectors,
    focusArea: row.focus_area,
    dimension: row.dimension,
    yearFrom: row.year_from,
    yearTo: row.year_to,
    budgetEur: row.budget_eur,
    results: row.results,
    lessons: row.lessons,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export const StakeholderInputSchema = Type.Object(
  {
    name: Text(STAKEHOLDER_LIMITS.name),
    kind: Type.String({ maxLength: 40 }),
    region: Text(STAKEHOLDER_LIMITS.region),
    sectors: Type.Optional(Codes(EXPERIENCE_LIMITS.sectors)),
    countries: Type.Optional(Codes(EXPERIENCE_LIMITS.countries)),
    website: Type.Optional(Nullable(Text(STAKEHOLDER_LIMITS.website))),
    email: Type.Optional(Nullable(Text(STAKEHOLDER_LIMITS.email))),
    notes: Type.Optional(Nullable(Text(STAKEHOLDER_LIMITS.notes))),
    enteId: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type StakeholderInput = Static<typeof StakeholderInputSchema>;

export const StakeholderSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: literals(STAKEHOLDER_KINDS),
  region: Type.String(),
  sectors: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  website: Nullable(Type.String()),
  email: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  ente: EnteRef,
  canEdit: Type.Boolean(),
  updatedAt: DateTime,
});
export type StakeholderDto = Static<typeof StakeholderSchema>;

export const StakeholderPageSchema = Type.Object({
  items: Type.Array(StakeholderSchema),
  nextCursor: Nullable(Type.String()),
});

export function stakeholderToDto(row: StakeholderListRow, canEdit: boolean): StakeholderDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    region: row.region,
    sectors: row.sectors,
    countries: row.countries,
    website: row.website,
    email: row.email,
    notes: row.notes,
    ente: { id: row.ente_id, name: row.ente_name },
    canEdit,
    updatedAt: row.updated_at.toISOString(),
  };
}
