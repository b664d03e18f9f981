import type { Readable } from 'node:stream';
import { cvRepo, type UserRow, vocabularyRepo } from '@hubspoke/db';
import { MEDIA_TYPES } from '../documents/media-types.js';
import type { DocumentDeps } from '../documents/storage.js';
import { storeUpload, type Upload } from '../documents/upload.js';
import type { Deps } from '../shared/deps.js';
import { notFound } from '../shared/errors.js';
import { cvContentToDto, cvFileToDto, type MyCvDto } from './dto.js';
import { type CvInput, type CvRules, validateCv } from './validate.js';

/** The CV's file: a document a person would send, never a spreadsheet or a picture. */
export const CV_FILE_TYPES = [MEDIA_TYPES.pdf, MEDIA_TYPES.odt, MEDIA_TYPES.docx] as const;
export const CV_FILE_TYPES_LABEL = 'PDF, ODT, DOCX';

/** The CV services need the documents' storage for the file. */
export type CvDeps = Pick<DocumentDeps, 'db' | 'config' | 'clock' | 'storage'>;

const YEAR = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Rome' });

/** What a CV is checked against: the clock's year (in Italy) and the programme's vocabularies. */
export async function cvRules(deps: Pick<Deps, 'db' | 'clock'>): Promise<CvRules> {
  const [dimensions, focusAreas] = await Promise.all([
    vocabularyRepo.listDimensions(deps.db),
    vocabularyRepo.listFocusAreas(deps.db),
  ]);
  return {
    year: Number(YEAR.format(deps.clock.now())),
    dimensions: new Set(dimensions.map((d) => d.slug)),
    focusAreas: new Set(focusAreas.map((f) => f.slug)),
  };
}

/** One's own CV (empty until first saved), and whether the directory shows it. */
export async function getMyCv(deps: Pick<Deps, 'db'>, user: UserRow): Promise<MyCvDto> {
  const [row, liberatoria] = await Promise.all([
    cvRepo.find(deps.db, user.id),
    cvRepo.liberatoriaState(deps.db, user.id),
  ]);
  return {
    cv: cvContentToDto(row),
    file: cvFileToDto(row),
    updatedAt: row?.updated_at.toISOString() ?? null,
    listed: row !== undefined && liberatoria.holds,
    liberatoria: liberatoria.holds ? 'held' : liberatoria.published ? 'pending' : 'unpublished',
  };
}

/** Replaces the CV's content, whole; the file stays. 400 naming the field on anything wrong. */
export async function saveCv(deps: Pick<Deps, 'db' | 'clock'>, user: UserRow, input: CvInput): Promise<MyCvDto> {
  const content = validateCv(input, await cvRules(deps));
  await cvRepo.saveContent(deps.db, user.id, content, deps.clock.now());
  return getMyCv(deps, user);
}

/**
 * Keeps a new file for the CV, typed by its bytes as documents are (415 for anything but a PDF,
 * an ODT or a DOCX), in place of the one before.
 */
export async function setCvFile(deps: CvDeps, user: UserRow, upload: Upload): Promise<MyCvDto> {
  const stored = await storeUpload(deps, upload, { types: CV_FILE_TYPES, label: CV_FILE_TYPES_LABEL });
  await cvRepo.setFile(
    deps.db,
    user.id,
    {
      storage_key: stored.key,
      media_type: stored.mediaType,
      name: stored.originalName,
      size: stored.size,
      sha256: stored.sha256,
    },
    deps.clock.now(),
  );
  return getMyCv(deps, user);
}

export async function removeCvFile(deps: Pick<Deps, 'db' | 'clock'>, user: UserRow): Promise<MyCvDto> {
  if (!(await cvRepo.clearFile(deps.db, user.id, deps.clock.now()))) throw notFound('cv_file');
  return getMyCv(deps, user);
}

export interface CvFileDownload {
  stream: Readable;
  size: number;
  mediaType: string;
  filename: string;
  sha256: string;
}

/** The file's bytes, from a row that has one. */
export async function openStoredCvFile(
  deps: Pick<CvDeps, 'storage'>,
  row: Pick<CvRowFile, 'file_storage_key' | 'file_size' | 'file_media_type' | 'file_name' | 'file_sha256'> | undefined,
): Promise<CvFileDownload> {
  if (!row?.file_storage_key || row.file_size === null || !row.file_media_type || !row.file_name || !row.file_sha256)
    throw notFound('cv_file');
  if (!(await deps.storage.exists(row.file_storage_key))) {
    // Lost bytes are an operator's problem: logged as a 500, not explained to the client.
    throw new Error(`storage has no file ${row.file_storage_key} (a CV)`);
  }
  return {
    stream: deps.storage.get(row.file_storage_key),
    size: row.file_size,
    mediaType: row.file_media_type,
    filename: row.file_name,
    sha256: row.file_sha256,
  };
}

type CvRowFile = NonNullable<Awaited<ReturnType<typeof cvRepo.find>>>;

/** One's own CV file. */
export async function openMyCvFile(deps: CvDeps, user: UserRow): Promise<CvFileDownload> {
  return openStoredCvFile(deps, await cvRepo.find(deps.db, user.id));
}
