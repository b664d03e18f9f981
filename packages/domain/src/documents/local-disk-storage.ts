import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors.js';
import type { PutOptions, StagedFile, Storage, StoredFile } from './storage.js';

const KEY = /^[0-9a-f]{64}$/;

export const payloadTooLarge = (maxBytes: number) =>
  new AppError(413, 'payload_too_large', `A file can have at most ${maxBytes} bytes`);

/** Hashes and counts the bytes on their way to disk; fails as soon as there are too many. */
function measure(maxBytes: number) {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(payloadTooLarge(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { transform, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/** Lets `accept` read the received file through a read-only handle, closed whatever it decides. */
async function acceptOrThrow(
  path: string,
  file: { size: number; sha256: string },
  accept: NonNullable<PutOptions['accept']>,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const staged: StagedFile = {
      ...file,
      read: async (position, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, file.size - position)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        return buffer.subarray(0, bytesRead);
      },
    };
    await accept(staged);
  } finally {
    await handle.close();
  }
}

/**
 * Files on local disk, content-addressed: `<root>/sha256/ab/abcdef…`. Uploads are written to
 * `<root>/tmp` (same file system, so the final rename is atomic), flushed to disk, checked, and only
 * then given their name; a failed upload leaves no file behind.
 */
export function createLocalDiskStorage(folder: string): Storage {
  const root = resolve(folder);
  const tmp = join(root, 'tmp');
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(root, 'sha256', key.slice(0, 2), key);
  };

  async function put(source: Readable, options: PutOptions): Promise<StoredFile> {
    // A stream destroyed before we read it would leave the pipeline below waiting forever.
    if (source.destroyed) throw new Error('the upload stream was closed before it could be stored');
    await mkdir(tmp, { recursive: true });
    const tempPath = join(tmp, randomUUID());
    let kept = false;
    try {
      const measured = measure(options.maxBytes);
      // `flush`: the database will soon point at this file, so its bytes must survive a power cut.
      const out = createWriteStream(tempPath, { flags: 'wx', mode: 0o600, flush: true });
      // Opened before any byte flows, so a failure always finds the file there to remove.
      await once(out, 'ready');
      await pipeline(source, measured.transform, out);
      const { size, sha256 } = measured.result();
      if (options.accept) await acceptOrThrow(tempPath, { size, sha256 }, options.accept);
      const target = pathOf(sha256);
      await mkdir(dirname(target), { recursive: true });
      await chmod(tempPath, 0o444);
      // Same bytes, same name: a second copy simply replaces the first.
      await rename(tempPath, target);
      kept = true;
      return { key: sha256, size, sha256 };
    } finally {
      if (!kept) await unlink(tempPath).catch(() => {});
    }
  }

  return {
    put,
    get: (key) => createReadStream(pathOf(key)),
    exists: async (key) =>
      stat(pathOf(key)).then(
        (s) => s.isFile(),
        () => false,
      ),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
