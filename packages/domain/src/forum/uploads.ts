import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Config } from '@hubspoke/config';
import { type Executor, type PostUploadKind, postUploadRepo, type UserRow } from '@hubspoke/db';
import sharp from 'sharp';
import { safeFilename } from '../documents/filenames.js';
import { createLocalDiskStorage } from '../documents/local-disk-storage.js';
import { ACCEPTED_TYPES, detectMediaType, MEDIA_TYPES, type MediaType } from '../documents/media-types.js';
import type { Storage } from '../documents/storage.js';
import type { Upload } from '../documents/upload.js';
import type { Deps } from '../shared/deps.js';
import { AppError, invalid, notFound } from '../shared/errors.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { writableTable } from './access.js';
import { readablePost } from './posts.js';

/** More pixels than this and a picture is refused from its header, before anything is decoded. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** The thumbnail shown in posts: at most this wide, linked to the picture itself. */
export const THUMB_WIDTH = 800;
/** Uploads no post took by then are removed. */
export const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;
/** Uploads a person may send in an hour. */
export const UPLOADS_PER_HOUR = 60;
/** How many uploads one post may attach (the rest of the references stay plain links). */
const MAX_REFERENCES = 100;

type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';
const IMAGE_TYPES: Record<ImageFormat, MediaType> = {
  png: MEDIA_TYPES.png,
  jpeg: MEDIA_TYPES.jpeg,
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
};
const THUMB_TYPE = IMAGE_TYPES.webp;
type PostUploadRow = postUploadRepo.PostUploadRow;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The picture format the first bytes announce; everything else goes through the documents' rules. */
function sniffImage(head: Buffer): ImageFormat | undefined {
  if (head.subarray(0, 8).equals(PNG)) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  const gif = head.toString('latin1', 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return 'gif';
  return undefined;
}

const unsupported = () =>
  new AppError(
    415,
    'unsupported_media_type',
    `This type of file is not accepted. Accepted: PNG, JPEG, WebP and GIF pictures; ${ACCEPTED_TYPES}`,
  );
const tooManyPixels = () =>
  new AppError(413, 'image_too_large', `A picture can have at most ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`);

/** Post uploads live apart from the documents library, so removing one never touches a document's bytes. */
export function postUploadStorage(config: Pick<Config, 'uploads'>): Storage {
  return createLocalDiskStorage(join(config.uploads.dir, 'posts'));
}

interface ProcessedImage {
  picture: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

/**
 * Checks the header first (format as sniffed, at most MAX_IMAGE_PIXELS), then decodes once per
 * output with the same pixel limit, applies the orientation and writes the picture again in its
 * own format: EXIF (GPS included), XMP, comments and anything glued after the image are gone.
 * An animated GIF keeps its first frame only.
 */
async function processImage(bytes: Buffer, format: ImageFormat): Promise<ProcessedImage> {
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' } as const;
  let meta: sharp.Metadata;
  try {
    // The header only: nothing is decoded yet, so a huge picture costs nothing here.
    meta = await sharp(bytes, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw unsupported();
  }
  if (meta.format !== format || !meta.width || !meta.height) throw unsupported();
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight > MAX_IMAGE_PIXELS) throw tooManyPixels();
  try {
    const oriented = () => sharp(bytes, options).rotate();
    const encoded = {
      png: () => oriented().png(),
      jpeg: () => oriented().jpeg({ quality: 85, mozjpeg: true }),
      webp: () => oriented().webp({ quality: 85 }),
      gif: () => oriented().gif(),
    }[format]();
    const { data: picture, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await oriented()
      .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { picture, thumbnail, width: info.width, height: info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
    throw unsupported();
  }
}

/** What the composer gets back: the upload and the Markdown it inserts. */
export interface PostUploadDto {
  id: number;
  kind: PostUploadKind;
  name: string;
  size: number;
  mediaType: string;
  markdown: string;
}

const escapeLabel = (name: string) => name.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);

export const uploadHref = (id: number) => `/allegati/${id}`;

export function uploadToDto(row: PostUploadRow): PostUploadDto {
  const link = `[${escapeLabel(row.name)}](${uploadHref(row.id)})`;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    size: row.size,
    mediaType: row.media_type,
    markdown: row.kind === 'image' ? `!${link}` : link,
  };
}

// Thrown by `accept` to keep a picture's original out of storage: only its re-encoding is kept.
const HELD = Symbol('held for re-encoding');
const ownBytes = (bytes: Buffer) => Readable.from([bytes]);

/**
 * A picture or a file for a post the actor may write in `tableId`. Types are decided by the bytes:
 * PNG, JPEG, WebP and GIF pictures are decoded and written again, with a thumbnail; anything else
 * must be one of the documents library's types, within its size limit, and is kept as it came.
 */
export async function uploadForPost(
  deps: Pick<Deps, 'db' | 'config' | 'rateLimits'>,
  actor: UserRow,
  tableId: number,
  upload: Upload,
): Promise<PostUploadDto> {
  await writableTable(deps.db, actor, tableId);
  // Pictures cost disk and decoding time: a person sends at most so many an hour (429 past that).
  await enforceRateLimit(deps.rateLimits, `upload:user:${actor.id}`, UPLOADS_PER_HOUR, 3600, { failOpen: true });
  const storage = postUploadStorage(deps.config);
  let image: { format: ImageFormat; bytes: Buffer } | undefined;
  let fileType: MediaType | undefined;
  let stored: { key: string; sha256: string; size: number } | undefined;
  try {
    stored = await storage.put(upload.stream, {
      maxBytes: deps.config.uploads.maxBytes,
      accept: async (file) => {
        if (file.size === 0) throw invalid('empty_file', 'The file is empty');
        const format = sniffImage(await file.read(0, 16));
        if (format) {
          image = { format, bytes: await file.read(0, file.size) };
          throw HELD;
        }
        fileType = await detectMediaType(file, upload.filename);
        if (!fileType) throw unsupported();
      },
    });
  } catch (error) {
    if (error !== HELD) throw error;
  }
  await upload.done();

  if (image) {
    const processed = await processImage(image.bytes, image.format);
    const type = IMAGE_TYPES[image.format];
    const unlimited = { maxBytes: Number.MAX_SAFE_INTEGER };
    const picture = await storage.put(ownBytes(processed.picture), unlimited);
    const thumbnail = await storage.put(ownBytes(processed.thumbnail), unlimited);
    const row = await postUploadRepo.insert(deps.db, {
      uploader_id: actor.id,
      table_id: tableId,
      kind: 'image',
      name: safeFilename(upload.filename, type),
      media_type: type.mediaType,
      size: picture.size,
      storage_key: picture.key,
      thumb_storage_key: thumbnail.key,
      width: processed.width,
      height: processed.height,
      sha256: picture.sha256,
    });
    return uploadToDto(row);
  }
  if (!stored || !fileType) throw new Error('storage kept a file it did not show us');
  const row = await postUploadRepo.insert(deps.db, {
    uploader_id: actor.id,
    table_id: tableId,
    kind: 'file',
    name: safeFilename(upload.filename, fileType),
    media_type: fileType.mediaType,
    size: stored.size,
    storage_key: stored.key,
    sha256: stored.sha256,
  });
  return uploadToDto(row);
}

/** The upload ids a post body points at (`/allegati/ID`), unique, at most MAX_REFERENCES. */
export function referencedUploadIds(body: string): number[] {
  const ids = new Set<number>();
  for (const match of body.matchAll(/\/allegati\/(\d{1,15})(?!\d)/g)) {
    const id = Number(match[1]);
    if (Number.isSafeInteger(id) && id > 0) ids.add(id);
    if (ids.size >= MAX_REFERENCES) break;
  }
  return [...ids];
}

/** Gives a post the unattached uploads its body references that its author sent for its table. */
export function attachReferencedUploads(
  db: Executor,
  post: { id: number; authorId: number; tableId: number; body: string },
): Promise<number> {
  return postUploadRepo.attach(db, post, referencedUploadIds(post.body));
}

/** Removes the stored files of removed rows that no other upload shares (identical bytes are kept once). */
async function removeFiles(deps: Pick<Deps, 'db' | 'config'>, rows: readonly PostUploadRow[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = [
    ...new Set(rows.flatMap((r) => [r.storage_key, ...(r.thumb_storage_key ? [r.thumb_storage_key] : [])])),
  ];
  const inUse = await postUploadRepo.keysInUse(deps.db, keys);
  const storage = postUploadStorage(deps.config);
  await Promise.all(keys.filter((key) => !inUse.has(key)).map((key) => storage.remove(key)));
}

/** A deleted post's uploads go with it: rows and stored files. */
export async function removePostUploads(deps: Pick<Deps, 'db' | 'config'>, postId: number): Promise<number> {
  const rows = await postUploadRepo.removeForPost(deps.db, postId);
  await removeFiles(deps, rows);
  return rows.length;
}

/** After an erasure: the person's pictures and files that no kept post shows go at once, bytes included. */
export async function removeErasedUploads(deps: Pick<Deps, 'db' | 'config'>, userId: number): Promise<number> {
  const rows = await postUploadRepo.removeForErased(deps.db, userId);
  await removeFiles(deps, rows);
  return rows.length;
}

/** Uploads no post took within a day (the composer was closed, the post never sent). */
export async function removeUnattachedUploads(deps: Pick<Deps, 'db' | 'config' | 'clock'>): Promise<number> {
  const rows = await postUploadRepo.removeUnattached(deps.db, new Date(deps.clock.now().getTime() - UNATTACHED_TTL_MS));
  await removeFiles(deps, rows);
  return rows.length;
}

/**
 * An upload's bytes (or its thumbnail's) for someone who may read the post holding it: the
 * post's thread decides, private labs included; an upload no post holds yet is its uploader's
 * only. Anyone else gets 404, so nothing confirms the upload exists.
 */
export async function openPostUpload(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: UserRow,
  id: number,
  variant: 'original' | 'thumbnail',
) {
  const row = await postUploadRepo.findById(deps.db, id);
  if (!row) throw notFound('upload');
  if (row.post_id === null) {
    if (row.uploader_id !== actor.id) throw notFound('upload');
  } else {
    const { post } = await readablePost(deps, actor, row.post_id).catch((error: unknown) => {
      throw error instanceof AppError && error.status < 500 ? notFound('upload') : error;
    });
    if (post.deleted_at) throw notFound('upload');
  }
  const thumbnail = variant === 'thumbnail';
  const key = thumbnail ? row.thumb_storage_key : row.storage_key;
  if (!key) throw notFound('upload');
  const storage = postUploadStorage(deps.config);
  if (!(await storage.exists(key))) {
    // Lost bytes are an operator's problem: logged as a 500, not explained to the client.
    throw new Error(`storage has no file ${key} (post upload ${id})`);
  }
  return {
    stream: storage.get(key),
    size: thumbnail ? undefined : row.size,
    mediaType: thumbnail ? THUMB_TYPE.mediaType : row.media_type,
    filename: thumbnail ? safeFilename(`anteprima ${row.name}`, THUMB_TYPE) : row.name,
    etag: key,
    /** Pictures were decoded and written again here, so they may be shown; files are always saved. */
    inline: row.kind === 'image',
  };
}
