import type { CvRow, DirectoryRow } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';
import { LANGUAGE_LEVELS } from './vocabulary.js';

export const CvLanguageSchema = Type.Object({
  code: Type.String({ description: 'ISO 639-1' }),
  level: literals([...LANGUAGE_LEVELS]),
});
export const CvCompetenceSchema = Type.Object({
  skill: Type.String(),
  dimension: Nullable(Type.String()),
  focusArea: Nullable(Type.String()),
});
export const CvExperienceSchema = Type.Object({
  title: Type.String(),
  programme: Nullable(Type.String()),
  fund: Nullable(Type.String()),
  countries: Type.Array(Type.String({ description: 'ISO 3166-1 alpha-2' })),
  yearFrom: Type.Integer(),
  yearTo: Nullable(Type.Integer()),
  role: Type.String(),
});
/** What a CV says: the body `PUT /api/me/cv` takes, as it is stored and shown. */
export const CvContentSchema = Type.Object({
  headline: Type.String(),
  summary: Type.String({ description: 'plain text; line breaks kept' }),
  languages: Type.Array(CvLanguageSchema),
  competences: Type.Array(CvCompetenceSchema),
  experiences: Type.Array(CvExperienceSchema),
});
export type CvContentDto = Static<typeof CvContentSchema>;

export const CvFileSchema = Type.Object({
  name: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  uploadedAt: DateTime,
});
export type CvFileDto = Static<typeof CvFileSchema>;

/** One's own CV, with where it stands in the directory. */
export const MyCvSchema = Type.Object({
  cv: CvContentSchema,
  file: Nullable(CvFileSchema),
  updatedAt: Nullable(DateTime),
  listed: Type.Boolean({
    description: 'the directory shows it now: a CV is saved and you hold the current Liberatoria',
  }),
  /** `pending`: a Liberatoria is published and you do not hold its current version. */
  liberatoria: literals(['held', 'pending', 'unpublished']),
});
export type MyCvDto = Static<typeof MyCvSchema>;

export const DirectoryEntrySchema = Type.Object({
  person: Type.Object({ id: Type.Integer(), displayName: Type.String(), handle: Type.String() }),
  ente: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  region: Nullable(Type.String({ description: 'the region of their ente' })),
  cv: CvContentSchema,
  file: Nullable(CvFileSchema),
  updatedAt: DateTime,
});
export type DirectoryEntryDto = Static<typeof DirectoryEntrySchema>;

type CvColumns = Omit<CvRow, 'user_id'>;

export const cvContentToDto = (row: CvColumns | undefined): CvContentDto => ({
  headline: row?.headline ?? '',
  summary: row?.summary ?? '',
  languages: (row?.languages ?? []) as CvContentDto['languages'],
  competences: row?.competences ?? [],
  experiences: row?.experiences ?? [],
});

export function cvFileToDto(row: CvColumns | undefined): CvFileDto | null {
  if (!row?.file_name || !row.file_media_type || row.file_size === null || !row.file_uploaded_at) return null;
  return {
    name: row.file_name,
    mediaType: row.file_media_type,
    size: row.file_size,
    uploadedAt: row.file_uploaded_at.toISOString(),
  };
}

export const directoryEntryToDto = (row: DirectoryRow): DirectoryEntryDto => ({
  person: { id: row.user_id, displayName: row.display_name, handle: row.handle },
  ente: row.ente_id !== null && row.ente_name !== null ? { id: row.ente_id, name: row.ente_name } : null,
  region: row.region,
  cv: cvContentToDto(row),
  file: cvFileToDto(row),
  updatedAt: row.updated_at.toISOString(),
});
