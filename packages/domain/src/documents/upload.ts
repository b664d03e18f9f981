import type { Readable } from 'node:stream';
import { AppError, invalid } from '../shared/errors.js';
import { safeFilename } from './filenames.js';
import { ACCEPTED_TYPES, detectMediaType, type MediaType } from './media-types.js';
import type { DocumentDeps } from './storage.js';

/** A file arriving with a request: the transport (multipart in the api) stays outside the domain. */
export interface Upload {
  /** The name the client gave; untrusted, only used once sanitised. */
  filename: string;
  stream: Readable;
  /** Resolves once the rest of the request is read; rejects if it held more than expected. */
  done(): Promise<void>;
}

export interface StoredUpload {
  key: string;
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
}

/**
 * Streams the file into storage, deciding its type from its bytes on the way: the client's name
 * and Content-Type are ignored, so a file cannot pass for what it is not. Refused files leave
 * nothing in storage.
 */
export async function storeUpload(
  deps: Pick<DocumentDeps, 'storage' | 'config'>,
  upload: Upload,
  /** Narrower than every type documents accept (a CV is a PDF, an ODT or a DOCX), with how to say so. */
  only?: { types: readonly MediaType[]; label: string },
): Promise<StoredUpload> {
  let detected: MediaType | undefined;
  const stored = await deps.storage.put(upload.stream, {
    maxBytes: deps.config.uploads.maxBytes,
    accept: async (file) => {
      if (file.size === 0) throw invalid('empty_file', 'The file is empty');
      detected = await detectMediaType(file, upload.filename);
      if (detected && only && !only.types.includes(detected)) detected = undefined;
      if (!detected) {
        throw new AppError(
          415,
          'unsupported_media_type',
          `This type of file is not accepted. Accepted: ${only?.label ?? ACCEPTED_TYPES}`,
        );
      }
    },
  });
  await upload.done();
  if (!detected) throw new Error('storage kept a file it did not show us');
  return {
    key: stored.key,
    sha256: stored.sha256,
    size: stored.size,
    mediaType: detected.mediaType,
    originalName: safeFilename(upload.filename, detected),
  };
}
