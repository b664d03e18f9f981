import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../connection.js';
import type { CvCompetenceEntry, CvExperienceEntry, CvLanguageEntry, CvRow } from '../../schema.js';
import { tsVector } from '../../text-search.js';
import { holdsCurrent } from '../consents/consents.js';

/** What a person writes in their CV; the file is kept apart. */
export interface CvContent {
  headline: string;
  summary: string;
  languages: CvLanguageEntry[];
  competences: CvCompetenceEntry[];
  experiences: CvExperienceEntry[];
}

export interface CvFileFields {
  storage_key: string;
  media_type: string;
  name: string;
  size: number;
  sha256: string;
}

export const CV_COLUMNS = [
  'cvs.user_id',
  'cvs.headline',
  'cvs.summary',
  'cvs.languages',
  'cvs.competences',
  'cvs.experiences',
  'cvs.file_storage_key',
  'cvs.file_media_type',
  'cvs.file_name',
  'cvs.file_size',
  'cvs.file_sha256',
  'cvs.file_uploaded_at',
  'cvs.updated_at',
] as const;

const tsv = (text: string, weight: 'A' | 'B' | 'C') => sql`setweight(${tsVector(text)}, ${weight}::"char")`;

/**
 * The searchable text of a CV, in Italian and in English so either language's words find it
 * (as posts do): headline and skills weigh most, then the summary, then the experiences.
 */
export function searchVector(cv: CvContent): RawBuilder<string> {
  const skills = [cv.headline, ...cv.competences.map((c) => c.skill)].join('\n');
  const experiences = cv.experiences
    .flatMap((e) => [e.title, e.programme ?? '', e.fund ?? '', e.role])
    .filter(Boolean)
    .join('\n');
  return sql<string>`${tsv(skills, 'A')} || ${tsv(cv.summary, 'B')} || ${tsv(experiences, 'C')}`;
}

const EMPTY: CvContent = { headline: '', summary: '', languages: [], competences: [], experiences: [] };

export function find(db: Executor, userId: number): Promise<CvRow | undefined> {
  return db.selectFrom('cvs').select(CV_COLUMNS).where('cvs.user_id', '=', userId).executeTakeFirst();
}

/** Writes the CV's content, whole (the file stays as it is). */
export function saveContent(db: Executor, userId: number, cv: CvContent, at: Date): Promise<CvRow> {
  const content = {
    headline: cv.headline,
    summary: cv.summary,
    languages: JSON.stringify(cv.languages),
    competences: JSON.stringify(cv.competences),
    experiences: JSON.stringify(cv.experiences),
    search_vector: searchVector(cv),
    updated_at: at,
  };
  return db
    .insertInto('cvs')
    .values({ user_id: userId, ...content })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(content))
    .returning(CV_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Sets the CV's file (an empty CV is started if there is none yet). */
export function setFile(db: Executor, userId: number, file: CvFileFields, at: Date): Promise<CvRow> {
  const fields = {
    file_storage_key: file.storage_key,
    file_media_type: file.media_type,
    file_name: file.name,
    file_size: file.size,
    file_sha256: file.sha256,
    file_uploaded_at: at,
    updated_at: at,
  };
  return db
    .insertInto('cvs')
    .values({
      user_id: userId,
      languages: '[]',
      competences: '[]',
      experiences: '[]',
      search_vector: searchVector(EMPTY),
      ...fields,
    })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(fields))
    .returning(CV_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Removes the CV's file; false when there was none. */
export async function clearFile(db: Executor, userId: number, at: Date): Promise<boolean> {
  const cleared = await db
    .updateTable('cvs')
    .set({
      file_storage_key: null,
      file_media_type: null,
      file_name: null,
      file_size: null,
      file_sha256: null,
      file_uploaded_at: null,
      updated_at: at,
    })
    .where('user_id', '=', userId)
    .where('file_storage_key', 'is not', null)
    .executeTakeFirst();
  return cleared.numUpdatedRows > 0n;
}

/** Whether a Liberatoria is published, and whether the person holds its current version. */
export function liberatoriaState(db: Executor, userId: number) {
  return db
    .selectNoFrom([
      sql<boolean>`exists (select 1 from consent_versions where kind = 'liberatoria')`.as('published'),
      holdsCurrent('liberatoria', userId).as('holds'),
    ])
    .executeTakeFirstOrThrow();
}
