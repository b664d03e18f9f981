import type { UserRow } from '@hubspoke/db';
import { type Deps, listUsers } from '@hubspoke/domain';

export type IdParams = { Params: { id: string } };

export { idParam } from '../respond.js';

/** Everyone, for the "add a member" choice; the programme counts people in the hundreds. */
export async function allUsers(deps: Deps, actor: UserRow, max = 2000): Promise<UserRow[]> {
  const users: UserRow[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: UserRow[]; nextCursor: string | null } = await listUsers(deps, actor, {
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    users.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && users.length < max);
  return users.sort((a, b) => a.display_name.localeCompare(b.display_name));
}
