import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '@hubspoke/config';
import { dataExportRepo, eventRepo, personalDataRepo, type UserRow, userRepo } from '@hubspoke/db';
import { createLocalDiskStorage } from '../documents/local-disk-storage.js';
import type { Storage } from '../documents/storage.js';
import { addSeconds } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError, notFound } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { findOutboxEvent } from '../shared/outbox.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { paths } from '../shared/urls.js';
import { exportEntries } from './contents.js';
import { ZIP_MAX_BYTES, zipStream } from './zip-writer.js';

/** How long the mailed link works (the programme says 24 hours). */
export const EXPORT_LINK_HOURS = 24;
/** The outbox event that has the worker build an export (relayed to the `export.build` job). */
export const EXPORT_REQUESTED_EVENT = 'export.requested';
/**
 * A used link's file goes as soon as its download ends; the clean-up removes it this long
 * after the use whatever happened (a download cut short, a process that died meanwhile).
 */
const USED_FILE_GRACE_SECONDS = 3_600;

/**
 * Where the export reads files (the documents' storage: document versions, the CV's file) and
 * where it keeps the archives it builds: a storage of their own, since they are removed after use.
 */
export interface PersonalDataStorages {
  storage: Storage;
  exportStorage: Storage;
}

/** The storages, as configured: built archives live in `exports/` under the upload folder. */
export const personalDataStorages = (config: Pick<Config, 'uploads'>): PersonalDataStorages => ({
  storage: createLocalDiskStorage(config.uploads.dir),
  exportStorage: createLocalDiskStorage(join(config.uploads.dir, 'exports')),
});

export const exportFilename = (userId: number) => `hubspoke-dati-${userId}.zip`;

export type DataExportRequest =
  /** Small enough to answer now: the archive, streamed as it is written. */
  | { ready: true; filename: string; stream: Readable }
  /** The worker builds it and mails a one-time link. */
  | { ready: false; exportId: number };

/**
 * A person asks for everything held about them. At most `config.exports.maxPerWindow` times
 * per window (429 with Retry-After beyond: each export reads all their rows and files). Up to
 * `inlineMaxBytes` of files and post texts the archive is streamed back at once; beyond, an
 * export row and its outbox event are written in one transaction, so the worker's job can be
 * neither lost nor doubled, and the answer says it is being prepared.
 */
export async function requestDataExport(
  deps: Deps & Pick<PersonalDataStorages, 'storage'>,
  user: UserRow,
): Promise<DataExportRequest> {
  const { maxPerWindow, windowSeconds, inlineMaxBytes } = deps.config.exports;
  await enforceRateLimit(deps.rateLimits, `export:user:${user.id}`, maxPerWindow, windowSeconds);
  const at = deps.clock.now();
  if ((await personalDataRepo.estimatedSize(deps.db, user.id)) <= inlineMaxBytes) {
    const entries = await exportEntries(deps, user.id, at);
    return { ready: true, filename: exportFilename(user.id), stream: zipStream(entries, { modifiedAt: at }) };
  }
  const exportId = await deps.db.transaction().execute(async (tx) => {
    const id = await dataExportRepo.insert(tx, user.id, at);
    await eventRepo.insert(tx, { name: EXPORT_REQUESTED_EVENT, rooms: [], data: { exportId: id } });
    return id;
  });
  return { ready: false, exportId };
}

export type DataExportBuildOutcome =
  | { built: number; bytes: number }
  | { skipped: 'already built' | 'account closed' }
  /** The event names no export: running again cannot change that. */
  | { missing: string };

/**
 * Builds the export an `export.requested` event announced: the archive goes to the exports'
 * storage, then one transaction records it with the SHA-256 of a new link and queues the mail
 * carrying the link. A retry after that finds it built and does nothing; a retry before it
 * builds again (the same archive, dated at the request: identical bytes are kept once).
 */
export async function buildDataExport(
  deps: Pick<Deps, 'db' | 'clock' | 'config'> & PersonalDataStorages,
  eventId: number,
): Promise<DataExportBuildOutcome> {
  const event = await findOutboxEvent(deps, eventId);
  const exportId = Number(event?.data.exportId);
  const row = Number.isSafeInteger(exportId) ? await dataExportRepo.findById(deps.db, exportId) : undefined;
  if (!row) return { missing: `no data export for event ${eventId}` };
  if (row.expires_at) return { skipped: 'already built' };
  const user = await userRepo.findById(deps.db, row.user_id);
  // Nobody could sign in to use the link.
  if (!user || user.erased_at || user.deactivated_at) return { skipped: 'account closed' };

  const entries = await exportEntries(deps, user.id, row.created_at);
  const stored = await deps.exportStorage.put(zipStream(entries, { modifiedAt: row.created_at }), {
    maxBytes: ZIP_MAX_BYTES,
  });
  const token = generateToken();
  const expiresAt = addSeconds(deps.clock.now(), EXPORT_LINK_HOURS * 3_600);
  const recorded = await deps.db.transaction().execute(async (tx) => {
    const built = { storageKey: stored.key, size: stored.size, tokenHash: hashToken(token), expiresAt };
    if (!(await dataExportRepo.markBuilt(tx, row.id, built))) return false;
    await queueMail(tx, {
      template: 'data_export',
      recipient: user.email,
      locale: user.locale,
      data: { url: `${deps.config.publicUrl}${paths.dataExport(token)}`, expiresAt: expiresAt.toISOString() },
    });
    return true;
  });
  return recorded ? { built: row.id, bytes: stored.size } : { skipped: 'already built' };
}

export const exportLinkUsed = () =>
  new AppError(410, 'export_link_used', 'This link has been used already: ask for a new export from your profile');
export const exportLinkExpired = () =>
  new AppError(410, 'export_link_expired', 'This link has expired: ask for a new export from your profile');

/**
 * The archive behind a mailed link, once: the link is marked used in the same statement that
 * finds it unused and unexpired, so two clicks at once get it once. Only the person it was made
 * for, signed in, may use it (a forwarded or leaked mail alone opens nothing): anyone else's
 * link is unknown to them (404). Used → 410 `export_link_used`; late → 410 `export_link_expired`.
 * The file is removed once the download ends.
 */
export async function openDataExport(
  deps: Pick<Deps, 'db' | 'clock'> & Pick<PersonalDataStorages, 'exportStorage'>,
  user: UserRow,
  token: string,
): Promise<{ filename: string; size: number | null; stream: Readable }> {
  const tokenHash = hashToken(token);
  const used = await dataExportRepo.consume(deps.db, user.id, tokenHash, deps.clock.now());
  if (!used?.storage_key) {
    const row = await dataExportRepo.findByToken(deps.db, user.id, tokenHash);
    if (!row) throw notFound('export', 'export_not_found');
    throw row.used_at ? exportLinkUsed() : exportLinkExpired();
  }
  const key = used.storage_key;
  if (!(await deps.exportStorage.exists(key))) {
    // Lost bytes are an operator's problem: logged as a 500, not explained to the client.
    throw new Error(`storage has no file ${key} (data export ${used.id})`);
  }
  const stream = deps.exportStorage.get(key);
  stream.once('close', () => {
    void removeExportFile(deps, used.id, key).catch(() => {});
  });
  return { filename: exportFilename(user.id), size: used.size, stream };
}

async function removeExportFile(
  deps: Pick<Deps, 'db'> & Pick<PersonalDataStorages, 'exportStorage'>,
  id: number,
  key: string,
) {
  await deps.exportStorage.remove(key);
  await dataExportRepo.forgetFile(deps.db, id);
}

/**
 * Removes the archives nobody may download any more (expired, used over an hour ago, or of an
 * account erased since) and forgets where they were; the rows stay, recording that an export was made. Returns how many.
 */
export async function removeFinishedDataExports(
  deps: Pick<Deps, 'db' | 'clock'> & Pick<PersonalDataStorages, 'exportStorage'>,
): Promise<number> {
  const now = deps.clock.now();
  let removed = 0;
  for (;;) {
    const rows = await dataExportRepo.listFinished(deps.db, now, addSeconds(now, -USED_FILE_GRACE_SECONDS), 100);
    for (const row of rows) if (row.storage_key) await removeExportFile(deps, row.id, row.storage_key);
    removed += rows.length;
    if (rows.length < 100) return removed;
  }
}
