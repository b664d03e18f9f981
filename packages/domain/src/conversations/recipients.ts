import { userRepo } from '@hubspoke/db';
import type { Deps } from '../shared/deps.js';

/** How people name someone to write to: `@giulia.ferri`, `giulia.ferri`, any case. */
const cleanHandle = (handle: string) => handle.trim().replace(/^@+/, '');

/**
 * The people a writer named by handle, for a new conversation: who was found (in the order
 * named, once each) and the handles nobody has. Whether they may be written to is
 * `startConversation`'s to say.
 */
export async function findUsersByHandles(
  deps: Pick<Deps, 'db'>,
  handles: readonly string[],
): Promise<{ found: Array<{ id: number; handle: string; displayName: string }>; missing: string[] }> {
  const named = [...new Set(handles.map(cleanHandle).filter(Boolean))];
  const rows = await userRepo.findByHandles(deps.db, named);
  const byHandle = new Map(rows.map((u) => [u.handle.toLowerCase(), u]));
  const found: Array<{ id: number; handle: string; displayName: string }> = [];
  const missing: string[] = [];
  for (const handle of named) {
    const user = byHandle.get(handle.toLowerCase());
    if (!user) missing.push(handle);
    else if (!found.some((f) => f.id === user.id)) {
      found.push({ id: user.id, handle: user.handle, displayName: user.display_name });
    }
  }
  return { found, missing };
}
