import { listenTo, type UserRow } from '@hubspoke/db';
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** The channel the database announces changes to people and removed sessions on (migration 20261208_1500). */
export const AUTH_CHANGES_CHANNEL = 'hubspoke_auth_changes';

interface Entry {
  userId: number;
  user: UserRow;
  expiresAt: Date;
  /** Performance-clock time after which the entry is read again from the database anyway. */
  freshUntil: number;
}

export interface CachedSession {
  user: UserRow;
  expiresAt: Date;
}

/**
 * Validated sessions kept in the api process, so a request does not pay a round trip to learn
 * who is calling. Correctness rests on the database: a trigger announces every change to a
 * person's row and every removed session on commit (logout, password change, role change,
 * deactivation, erasure, from any process or tool), and the entries it names are dropped.
 * The cache only answers while that announcement channel is up; when it drops, everything is
 * forgotten, and nothing is kept again until it is back. An announcement takes a few
 * milliseconds to arrive from another process; the process that made the change has dropped
 * the entry by then in most cases through the same channel, and always for its own logout.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<number, Set<string>>();
  /** Grows with every announcement: a read that started before one must not be kept. */
  private generation = 0;
  private listening = false;

  constructor(
    private readonly capacity = 20_000,
    private readonly ttlMs = 60_000,
  ) {}

  /** Where to take a generation before reading from the database, handed back to `keep`. */
  get currentGeneration(): number {
    return this.generation;
  }

  find(sessionId: string): CachedSession | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (performance.now() > entry.freshUntil) {
      this.drop(sessionId);
      return undefined;
    }
    return { user: entry.user, expiresAt: entry.expiresAt };
  }

  /** Keeps what was read at `generation`, unless something was announced since. */
  keep(sessionId: string, session: CachedSession, generation: number): void {
    if (!this.listening || generation !== this.generation) return;
    this.drop(sessionId);
    if (this.entries.size >= this.capacity) {
      // Maps iterate in insertion order: the first key is the oldest kept.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.drop(oldest);
    }
    const userId = session.user.id;
    this.entries.set(sessionId, { ...session, userId, freshUntil: performance.now() + this.ttlMs });
    const ids = this.byUser.get(userId) ?? new Set<string>();
    ids.add(sessionId);
    this.byUser.set(userId, ids);
  }

  /** Drops one session (its own logout, an expired one) without waiting for the announcement. */
  forgetSession(sessionId: string): void {
    this.generation++;
    this.drop(sessionId);
  }

  /** An announcement from the database: `u:<user id>` or `s:<session id>`. */
  heard(payload: string): void {
    this.generation++;
    const id = payload.slice(2);
    if (payload.startsWith('s:')) this.drop(id);
    else if (payload.startsWith('u:'))
      for (const sessionId of [...(this.byUser.get(Number(id)) ?? [])]) this.drop(sessionId);
    else this.clear();
  }

  /** Starts answering once the channel is heard; stops and forgets when it is lost. */
  async listen(databaseUrl: string, onError: (error: Error) => void): Promise<() => Promise<void>> {
    const stop = await listenTo(
      databaseUrl,
      AUTH_CHANGES_CHANNEL,
      {
        onMessage: (payload) => this.heard(payload),
        onListening: () => {
          this.clear();
          this.listening = true;
        },
        onLost: () => {
          this.listening = false;
          this.clear();
        },
      },
      onError,
      'hubspoke-auth-changes',
    );
    return async () => {
      this.listening = false;
      this.clear();
      await stop();
    };
  }

  /**
   * For this process's own pool: a write to people or sessions drops every kept session as soon
   * as the statement has run, so the next request of whoever made it reads the change, without
   * waiting for the announcement. The activity stamp is left to the announcement: it changes
   * nothing a session allows, and it is written for every person every few minutes.
   */
  writesPlugin(): KyselyPlugin {
    const touching = new WeakSet<object>();
    return {
      transformQuery: ({ node, queryId }: PluginTransformQueryArgs): RootOperationNode => {
        if (changesAccess(node)) touching.add(queryId);
        return node;
      },
      transformResult: async ({ queryId, result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => {
        if (touching.has(queryId)) this.clear();
        return result;
      },
    };
  }

  get size(): number {
    return this.entries.size;
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.byUser.clear();
  }

  private drop(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    const ids = this.byUser.get(entry.userId);
    ids?.delete(sessionId);
    if (ids?.size === 0) this.byUser.delete(entry.userId);
  }
}

const STAMP_COLUMNS = new Set(['last_seen_at', 'previous_visit_at']);

function tableOf(node: OperationNode | undefined): string | undefined {
  const table = node?.kind === 'AliasNode' ? (node as unknown as { node: OperationNode }).node : node;
  if (table?.kind !== 'TableNode') return undefined;
  return (table as unknown as { table: { identifier: { name: string } } }).table.identifier.name;
}

/** A statement that changes what some session allows: a person's row (but the activity stamp), or removed sessions. */
export function changesAccess(node: RootOperationNode): boolean {
  if (node.kind === 'DeleteQueryNode') {
    return node.from.froms.some((from) => ['users', 'sessions'].includes(tableOf(from) ?? ''));
  }
  if (node.kind !== 'UpdateQueryNode' || tableOf(node.table) !== 'users') return false;
  const columns = (node.updates ?? []).map(
    (update) => (update.column as unknown as { column?: { name: string } }).column?.name ?? '',
  );
  return !columns.every((column) => STAMP_COLUMNS.has(column));
}
