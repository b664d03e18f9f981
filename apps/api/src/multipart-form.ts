import { PassThrough, pipeline } from 'node:stream';
import multipart, { type Multipart } from '@fastify/multipart';
import { AppError, invalid, payloadTooLarge, type Upload } from '@hubspoke/domain';
import type { UploadParsing } from '@hubspoke/web';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { Value } from 'typebox/value';

/** @fastify/multipart's errors (by code), mapped to our public ones. */
function toAppError(error: unknown, maxBytes: number): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return payloadTooLarge(maxBytes);
  if (code === 'FST_FILES_LIMIT') return invalid('too_many_files', 'Send exactly one file');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return invalid('too_many_fields', 'Too many fields');
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_INVALID_JSON_FIELD_ERROR') {
    return invalid('invalid_request', 'A field of the form is not acceptable');
  }
  if (error instanceof Error && !(error instanceof AppError) && !code) {
    return invalid('invalid_multipart', `The form could not be read: ${error.message}`);
  }
  return error;
}

/** Accepts multipart bodies in `app`'s own context: the document routes here, the upload pages in theirs. */
export function registerMultipart(app: FastifyInstance, maxBytes: number) {
  return app.register(multipart, {
    // One byte over the limit reaches storage, which refuses it and removes the partial file.
    limits: { fileSize: maxBytes + 1, files: 1, fields: 40, parts: 50, fieldSize: 65_536 },
  });
}

const cutShort = () => invalid('invalid_multipart', 'The form ended before the file did');

export interface MultipartForm {
  fields: Record<string, string[]>;
  upload: Upload;
}

/**
 * Reads the text fields, then hands over the file (a part named `file`) as a stream, never in
 * memory. Fields must come before the file — browsers and FormData keep the order given — so the
 * request is checked and authorised before any byte is stored; nothing may follow the file.
 */
export async function readMultipartForm(request: FastifyRequest, maxBytes: number): Promise<MultipartForm> {
  if (!request.isMultipart()) {
    throw new AppError(415, 'unsupported_media_type', 'Send multipart/form-data with a part named "file"');
  }
  const parts = request.parts();
  const next = (): Promise<IteratorResult<Multipart>> =>
    parts.next().catch((error: unknown) => {
      throw toAppError(error, maxBytes);
    });
  const fields: Record<string, string[]> = {};
  for (;;) {
    const { value: part, done } = await next();
    if (done) throw invalid('file_required', 'Attach the file in a part named "file"');
    if (part.type === 'field') {
      if (part.valueTruncated || typeof part.value !== 'string')
        throw invalid('invalid_request', `${part.fieldname} is too long`);
      fields[part.fieldname] = [...(fields[part.fieldname] ?? []), part.value];
      continue;
    }
    if (part.fieldname !== 'file') throw invalid('invalid_request', 'The file goes in a part named "file"');
    if (part.file.destroyed) {
      // The parser already gave up on the request (a cut-short or malformed body): say why.
      await next();
      throw cutShort();
    }
    // Watched from now on, so a request that breaks off later fails the upload instead of stalling it.
    const stream = new PassThrough();
    pipeline(part.file, stream, (error) => {
      if (error) stream.destroy(error instanceof AppError ? error : cutShort());
    });
    const nothingAfterTheFile = async () => {
      const rest = await next();
      if (!rest.done) throw invalid('file_must_be_last', 'Send the fields first and the file last');
    };
    return { fields, upload: { filename: part.filename, stream, done: nothingAfterTheFile } };
  }
}

/**
 * The fields as the schema's object: one value per field (arrays where the schema says so),
 * empty optional fields left out as HTML forms send them, numbers converted; 400 on anything else.
 */
export function parseFields<T extends TObject>(schema: T, fields: Record<string, string[]>) {
  const object: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(fields)) {
    const property = schema.properties[name];
    const many = property !== undefined && 'type' in property && property.type === 'array';
    if (!many && values.length > 1) throw invalid('invalid_request', `${name} is given more than once`);
    const kept = values.filter((v) => v !== '' || (property !== undefined && schema.required?.includes(name)));
    if (kept.length > 0) object[name] = many ? kept : kept[0];
  }
  const converted = Value.Convert(schema, object);
  if (!Value.Check(schema, converted)) {
    const [first] = Value.Errors(schema, converted);
    throw invalid(
      'invalid_request',
      `Invalid field ${first?.instancePath || ''}: ${first?.message ?? 'not acceptable'}`,
    );
  }
  return converted;
}

/** The same parsing, lent to the upload pages. */
export const uploadParsing = (maxBytes: number): UploadParsing => ({
  register: (app) => registerMultipart(app, maxBytes),
  read: (request) => readMultipartForm(request, maxBytes),
});
