import type { Deps, Upload } from '@hubspoke/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A multipart request as read so far: its text fields, then the file part as a stream. */
export interface MultipartForm {
  fields: Record<string, string[]>;
  upload: Upload;
}

/**
 * Multipart parsing, lent by the api, which owns it for `POST /api/documents`: the upload pages
 * then read files with the same limits and the same 400/413/415 errors, and need no parser of
 * their own.
 */
export interface UploadParsing {
  /** Accepts multipart bodies in the given context only (an encapsulated plugin). */
  register(app: FastifyInstance): PromiseLike<unknown>;
  /** Reads the fields, then hands over the file unread; the fields must come first. */
  read(request: FastifyRequest): Promise<MultipartForm>;
}

export interface WebOptions {
  deps: Deps;
  uploads: UploadParsing;
}
