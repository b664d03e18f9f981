export { addVersion, createDocument, type NewDocumentInput } from './create.js';
export { openVersionFile } from './download.js';
export {
  type DocumentDto,
  DocumentKindSchema,
  DocumentLanguageSchema,
  DocumentSchema,
  DocumentStatusSchema,
  documentPath,
  TransitionSchema,
  VersionSchema,
} from './dto.js';
export { contentDisposition, safeFilename } from './filenames.js';
export {
  getDocument,
  type ListDocumentsInput,
  listDocuments,
  reviewQueue,
  setDocumentFollowing,
} from './library.js';
export { createLocalDiskStorage, payloadTooLarge } from './local-disk-storage.js';
export { ACCEPTED_TYPES, detectMediaType, MEDIA_TYPES, type MediaType } from './media-types.js';
export type { DocumentDeps, PutOptions, StagedFile, Storage, StoredFile } from './storage.js';
export { setDocumentFeatured, transitionDocument } from './transitions.js';
export type { StoredUpload, Upload } from './upload.js';
export { DOCUMENT_KINDS, DOCUMENT_LANGUAGES, DOCUMENT_STATUSES } from './vocabulary.js';
