import { personalDataRepo } from '@hubspoke/db';
import type { Storage } from '../documents/storage.js';
import type { Deps } from '../shared/deps.js';
import { EXPORT_README_NAME, exportReadme } from './readme.js';
import type { ZipEntry } from './zip-writer.js';

const json = (name: string, value: unknown): ZipEntry => ({ name, data: `${JSON.stringify(value, null, 2)}\n` });

/** A file name as one path segment of the archive: no folders, no control characters, not too long. */
function segment(name: string): string {
  const clean = name
    .replace(/[/\\\p{Cc}]/gu, '_')
    .replace(/^\.+/, '_')
    .slice(0, 180);
  return clean === '' ? 'file' : clean;
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** A row read whole (to_jsonb), in the export's camelCase. */
const camelKeys = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), v]));

/**
 * The archive's entries for one person, in reading order: the README, the JSON files, then
 * the original files (opened only when the archive reaches them). A file storage has lost is
 * listed with `file: null, fileMissing: true` rather than failing the whole export.
 */
export async function exportEntries(
  deps: Pick<Deps, 'db'> & { storage: Storage },
  userId: number,
  exportedAt: Date,
): Promise<ZipEntry[]> {
  const { db } = deps;
  const [account, tables, tokens, consents, posts, revisions, bookmarks, notifications, activity] = await Promise.all([
    personalDataRepo.account(db, userId),
    personalDataRepo.memberships(db, userId),
    personalDataRepo.apiTokens(db, userId),
    personalDataRepo.consentRecords(db, userId),
    personalDataRepo.posts(db, userId),
    personalDataRepo.postRevisions(db, userId),
    personalDataRepo.bookmarks(db, userId),
    personalDataRepo.notifications(db, userId),
    personalDataRepo.activity(db, userId),
  ]);
  if (!account) throw new Error(`no user ${userId} to export`);
  const [documents, versions, cv, surveys, more] = await Promise.all([
    personalDataRepo.documents(db, userId),
    personalDataRepo.uploadedVersions(db, userId),
    personalDataRepo.cv(db, userId),
    personalDataRepo.surveyAnswers(db, userId),
    personalDataRepo.programmeAndMessages(db, userId),
  ]);

  const files: ZipEntry[] = [];
  const keep = async (path: string, key: string) => {
    if (!(await deps.storage.exists(key))) return false;
    files.push({ name: path, open: () => deps.storage.get(key) });
    return true;
  };

  const revisionsOf = new Map<number, typeof revisions>();
  for (const r of revisions) revisionsOf.set(r.post_id, [...(revisionsOf.get(r.post_id) ?? []), r]);

  const documentEntries = [];
  for (const d of documents) {
    const own = [];
    for (const v of versions.filter((v) => v.document_id === d.id)) {
      const path = `documents/${d.id}-v${v.number}-${segment(v.original_name)}`;
      const kept = await keep(path, v.storage_key);
      own.push({
        number: v.number,
        name: v.original_name,
        mediaType: v.media_type,
        size: v.size,
        sha256: v.sha256,
        note: v.note,
        uploadedAt: v.created_at,
        file: kept ? path : null,
        ...(kept ? {} : { fileMissing: true }),
      });
    }
    documentEntries.push({
      id: d.id,
      tableId: d.table_id,
      title: d.title,
      description: d.description,
      kind: d.kind,
      focusArea: d.focus_area,
      dimension: d.dimension,
      language: d.language,
      tags: d.tags,
      status: d.status,
      youAreTheAuthor: d.is_author,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
      versionsYouUploaded: own,
    });
  }

  let cvEntry: Record<string, unknown> | null = null;
  if (cv) {
    cvEntry = camelKeys(cv.cv);
    const name = typeof cv.cv.file_name === 'string' ? cv.cv.file_name : 'cv';
    if (cv.storage_key) {
      const path = `cv/${segment(name)}`;
      const kept = await keep(path, cv.storage_key);
      cvEntry.file = kept ? path : null;
      if (!kept) cvEntry.fileMissing = true;
    } else {
      cvEntry.file = null;
    }
  }

  return [
    { name: EXPORT_README_NAME, data: exportReadme(userId, exportedAt) },
    json('account.json', {
      exportedAt,
      id: account.id,
      email: account.email,
      name: account.display_name,
      handle: account.handle,
      role: account.role,
      ente: account.ente_id === null ? null : { id: account.ente_id, name: account.ente_name },
      locale: account.locale,
      createdAt: account.created_at,
      lastSeenAt: account.last_seen_at,
      preferences: {
        digest: account.digest,
        digestHour: account.digest_hour,
        digestWeekday: account.digest_weekday,
        timezone: account.timezone,
        digestSkipIfActive: account.digest_skip_if_active,
        emailOn: {
          mentions: account.email_mentions,
          replies: account.email_replies,
          watched: account.email_watched,
          tutoring: account.email_tutoring,
        },
      },
      tables: tables.map((t) => ({ id: t.id, name: t.name, kind: t.kind, memberSince: t.created_at })),
      apiTokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      })),
    }),
    json(
      'consents.json',
      consents.map((c) => ({
        kind: c.kind,
        version: c.version,
        action: c.action,
        sha256: c.text_sha256,
        ip: c.ip,
        at: c.created_at,
      })),
    ),
    json(
      'posts.json',
      posts.map((p) => ({
        id: p.id,
        threadId: p.thread_id,
        threadTitle: p.thread_title,
        number: p.number,
        replyToPostId: p.reply_to_post_id,
        body: p.body,
        createdAt: p.created_at,
        editedAt: p.edited_at,
        deletedAt: p.deleted_at,
        hiddenAt: p.hidden_at,
        likeCount: p.like_count,
        revisions: (revisionsOf.get(p.id) ?? []).map((r) => ({
          body: r.body,
          writtenAt: r.written_at,
          replacedAt: r.replaced_at,
          editedByYou: r.edited_by_author,
        })),
      })),
    ),
    json(
      'bookmarks.json',
      bookmarks.map((b) => ({ threadId: b.thread_id, threadTitle: b.thread_title, createdAt: b.created_at })),
    ),
    json(
      'notifications.json',
      notifications.map((n) => ({
        id: n.id,
        kind: n.kind,
        threadId: n.thread_id,
        postId: n.post_id,
        data: n.data,
        createdAt: n.created_at,
        readAt: n.read_at,
        emailedAt: n.emailed_at,
      })),
    ),
    json('messages.json', {
      // Only what you wrote, with the conversation's title; what others wrote to you is theirs.
      privateMessages: more.messages.map(camelKeys),
      drafts: more.drafts.map(camelKeys),
      postUploads: more.uploads.map(camelKeys),
    }),
    json('programme.json', {
      experiences: more.experiences.map(camelKeys),
      stakeholders: more.stakeholders.map(camelKeys),
      sessionsAttended: more.attendance.map(camelKeys),
      signInIdentities: more.identities.map(camelKeys),
    }),
    json('activity.json', {
      likes: activity.likes.map((l) => ({ postId: l.post_id, threadId: l.thread_id, kind: l.kind, at: l.created_at })),
      flags: activity.flags.map((f) => ({ postId: f.post_id, reason: f.reason, status: f.status, at: f.created_at })),
      follows: {
        threads: activity.follows.threads.map((s) => ({ threadId: s.thread_id, level: s.level, since: s.updated_at })),
        tables: activity.follows.tables.map((s) => ({ tableId: s.table_id, level: s.level, since: s.updated_at })),
        focusAreas: activity.follows.focusAreas.map((s) => ({
          focusArea: s.focus_area,
          level: s.level,
          since: s.updated_at,
        })),
      },
    }),
    json('documents.json', documentEntries),
    json('cv.json', cvEntry),
    json('surveys.json', {
      responses: surveys.responses.map((r) => ({
        surveyId: r.survey_id,
        surveyTitle: r.survey_title,
        ...camelKeys(r.response),
      })),
      saves: surveys.saves.map((c) => ({
        surveyId: c.survey_id,
        surveyTitle: c.survey_title,
        forEnte: c.ente_id,
        ...camelKeys(c.save),
      })),
    }),
    ...files,
  ];
}
