import {
  type EnteKind,
  enteRepo,
  type Role,
  type TableKind,
  type TableVisibility,
  tableRepo,
  type UserRow,
} from '@hubspoke/db';
import { createUser } from '@hubspoke/domain';
import type { Session, TestContext } from './context.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const DEFAULT_PASSWORD = 'correct horse battery staple';

export async function newUser(
  ctx: TestContext,
  attrs: { role?: Role; email?: string; displayName?: string; enteId?: number | null; password?: string } = {},
): Promise<UserRow & { password: string }> {
  const password = attrs.password ?? DEFAULT_PASSWORD;
  const id = unique();
  const user = await createUser(ctx.db, {
    email: attrs.email ?? `user-${id}@example.it`,
    displayName: attrs.displayName ?? `Utente ${id}`,
    role: attrs.role ?? 'participant',
    enteId: attrs.enteId ?? null,
    password,
  });
  return { ...user, password };
}

export function newEnte(ctx: TestContext, attrs: { name?: string; kind?: EnteKind; region?: string } = {}) {
  return enteRepo.insert(ctx.db, {
    name: attrs.name ?? `Comune ${unique()}`,
    kind: attrs.kind ?? 'comune',
    region: attrs.region ?? 'Puglia',
  });
}

export async function newTable(
  ctx: TestContext,
  attrs: { name?: string; kind?: TableKind; visibility?: TableVisibility; members?: Array<{ id: number }> } = {},
) {
  const kind = attrs.kind ?? 'lab';
  const table = await tableRepo.insert(ctx.db, {
    name: attrs.name ?? `Tavolo ${unique()}`,
    description: '',
    kind,
    regions: [],
    visibility: attrs.visibility ?? (kind === 'lab' ? 'members' : 'participants'),
    ente_id: null,
  });
  for (const member of attrs.members ?? []) await tableRepo.addMembers(ctx.db, [table.id], member.id);
  return table;
}

/** Signs in through the real login route and returns the browser's cookie. */
export async function signIn(ctx: TestContext, user: { email: string; password: string }): Promise<Session> {
  const response = await ctx.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ctx.config.publicOrigin },
    payload: { email: user.email, password: user.password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hs_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: `hs_session=${cookie.value}` };
}

/** A user of the given role, already signed in. */
export async function signedIn(ctx: TestContext, attrs: Parameters<typeof newUser>[1] = {}) {
  const user = await newUser(ctx, attrs);
  return { user, session: await signIn(ctx, user) };
}

export interface ThreadAttrs {
  tableId: number;
  focusArea?: 'cultura' | 'innovazione';
  kind?: 'discussion' | 'question' | 'announcement';
  title?: string;
  body?: string;
  dimension?: string;
}

/** Starts a thread through the API as `as`, failing loudly if it does not work. */
export async function newThread(ctx: TestContext, as: Session, attrs: ThreadAttrs) {
  const response = await ctx.request({
    method: 'POST',
    url: '/api/threads',
    as,
    payload: {
      focusArea: 'cultura',
      kind: 'discussion',
      title: `Discussione ${unique()}`,
      body: 'Primo messaggio della discussione.',
      ...attrs,
    },
  });
  if (response.statusCode !== 201) throw new Error(`thread creation failed: ${response.statusCode} ${response.body}`);
  return response.json() as {
    thread: { id: number; tableId: number; title: string };
    post: { id: number; number: number };
  };
}

export async function newReply(ctx: TestContext, as: Session, threadId: number, body = 'Una risposta.') {
  const response = await ctx.request({ method: 'POST', url: `/api/threads/${threadId}/posts`, as, payload: { body } });
  if (response.statusCode !== 201) throw new Error(`reply failed: ${response.statusCode} ${response.body}`);
  return response.json().post as { id: number; number: number; bodyHtml: string };
}
