import { digestContentRepo, type UserRow } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';
import { paths } from '../shared/urls.js';

const LIMITS = { threads: 30, questions: 10, documents: 10, notifications: 10 };
const QUESTION_AGE_DAYS = 30;

export interface DigestData {
  groups: Array<{
    focusArea: string;
    focusAreaName: string;
    tables: Array<{
      tableName: string;
      threads: Array<{ id: number; title: string; url: string; newPosts: number; isNew: boolean; kind: string }>;
    }>;
  }>;
  questions: Array<{ id: number; title: string; url: string; tableName: string; assignedToYou: boolean }>;
  documents: Array<{ title: string; url: string }>;
  /** Kinds and names: the mail says them in the reader's language. */
  notifications: Array<{ kind: string; detail: string | null; actor: string; title: string; url: string }>;
  /** Private conversations with unread messages: how many, and where to read them (never their content). */
  unreadConversations: { count: number; url: string } | null;
}

/**
 * What one person's digest holds for (from, to]: only what they can read and follow, grouped
 * by focus area then table. Undefined when there is nothing to say (no mail is sent then).
 */
export async function buildDigest(
  deps: Pick<Deps, 'db' | 'config'>,
  user: UserRow,
  from: Date,
  to: Date,
): Promise<DigestData | undefined> {
  const lists = await digestContentRepo.forReader(
    deps.db,
    user,
    { from, to, questionsSince: questionsSince(to) },
    LIMITS,
  );
  return shape(deps.config.publicUrl, user, lists);
}

/**
 * `buildDigest` for many people at once, each with their own window ending at `to`, in one
 * statement: by user id, undefined for those with nothing to say.
 */
export async function buildDigests(
  deps: Pick<Deps, 'db' | 'config'>,
  readers: ReadonlyArray<{ user: UserRow; from: Date }>,
  to: Date,
): Promise<Map<number, DigestData | undefined>> {
  const rows = await digestContentRepo.forReaders(
    deps.db,
    readers.map((r) => ({ id: r.user.id, from: r.from })),
    { to, questionsSince: questionsSince(to) },
    LIMITS,
  );
  const byId = new Map(rows.map((row) => [row.user_id, row]));
  const digests = new Map<number, DigestData | undefined>();
  for (const { user } of readers) {
    const row = byId.get(user.id);
    digests.set(user.id, row ? shape(deps.config.publicUrl, user, row) : undefined);
  }
  return digests;
}

const questionsSince = (to: Date) => new Date(to.getTime() - QUESTION_AGE_DAYS * 86_400_000);

type Lists = Awaited<ReturnType<typeof digestContentRepo.forReader>>;

function shape(base: string, user: UserRow, lists: Lists): DigestData | undefined {
  const { threads, questions, documents, notifications, unread_conversations } = lists;
  const groups: DigestData['groups'] = [];
  for (const t of [...threads].sort((a, b) => a.focus_position - b.focus_position)) {
    const newPosts = Number(t.new_posts ?? 0);
    if (newPosts === 0 && !t.is_new) continue;
    let group = groups.find((g) => g.focusArea === t.focus_area);
    if (!group) {
      group = {
        focusArea: t.focus_area,
        focusAreaName: user.locale === 'en' ? t.focus_name_en : t.focus_name_it,
        tables: [],
      };
      groups.push(group);
    }
    let table = group.tables.find((x) => x.tableName === t.table_name);
    if (!table) {
      table = { tableName: t.table_name, threads: [] };
      group.tables.push(table);
    }
    table.threads.push({
      id: t.id,
      title: t.title,
      url: base + paths.thread(t.id),
      newPosts,
      isNew: t.is_new,
      kind: t.kind,
    });
  }
  const digest: DigestData = {
    groups,
    questions: questions.map((q) => ({
      id: q.id,
      title: q.title,
      url: base + paths.thread(q.id),
      tableName: q.table_name,
      assignedToYou: q.assigned_to_me,
    })),
    documents: documents.map((d) => ({ title: `${d.title} (${d.table_name})`, url: base + paths.document(d.id) })),
    notifications: notifications
      .filter((n) => n.thread_id !== null)
      .map((n) => ({
        kind: n.kind,
        detail: detailOf(n.data),
        actor: String(n.data.actorName ?? ''),
        title: String(n.data.threadTitle ?? ''),
        url:
          base +
          paths.thread(n.thread_id as number, typeof n.data.postNumber === 'number' ? n.data.postNumber : undefined),
      })),
    unreadConversations:
      Number(unread_conversations) > 0 ? { count: Number(unread_conversations), url: `${base}/conversazioni` } : null,
  };
  const empty =
    digest.groups.length + digest.questions.length + digest.documents.length + digest.notifications.length === 0 &&
    digest.unreadConversations === null;
  return empty ? undefined : digest;
}

/** A document's new status or a moderator's act, for the kinds whose sentence says which. */
function detailOf(data: Record<string, unknown>): string | null {
  const detail = data.status ?? data.moderation;
  return typeof detail === 'string' ? detail : null;
}
