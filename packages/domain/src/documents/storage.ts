import type { Readable } from 'node:stream';
import type { Deps } from '../shared/deps.js';

/** A file kept by storage, addressed by `key`. */
export interface StoredFile {
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/** A file fully received but not yet kept: it can still be read, then accepted or refused. */
export interface StagedFile {
  size: number;
  sha256: string;
  read(position: number, length: number): Promise<Buffer>;
}

export interface PutOptions {
  /** More bytes than this and the upload fails with 413, leaving nothing behind. */
  maxBytes: number;
  /** Sees the whole file before it is kept; throwing refuses it and leaves nothing behind. */
  accept?: (file: StagedFile) => Promise<void>;
}

/**
 * Where document bytes live. Callers see keys and streams only, so a local folder today and an
 * S3-compatible bucket tomorrow are interchangeable.
 */
export interface Storage {
  /** Streams `source` in without holding it in memory; storing the same bytes twice keeps one copy. */
  put(source: Readable, options: PutOptions): Promise<StoredFile>;
  get(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /**
   * Removes the file; nothing there is not an error. Only for a storage of its own (exports):
   * identical bytes are kept once, so in a shared one another row may point at the same file.
   */
  remove(key: string): Promise<void>;
}

/** What the document services need beyond the shared dependencies. */
export interface DocumentDeps extends Deps {
  storage: Storage;
}
