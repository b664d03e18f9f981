import type { UserRow } from '@hubspoke/db';
import { type Deps, listUsers } from '@hubspoke/domain';

export type IdParams = { Params: { id: string } };

export { idParam } from '../respond.js';

/** Everyone, for the "add a member" choice; the programme counts people in the hundreds. */
export async function allUsers(deps: Deps, actor: UserRow, max = 2000): Promise<UserRow[]> {
  const users: UserRow[] = [];
  let beforeId: number | undefined;
  while (users.length < max) {
    const page = await listUsers(deps, actor, { limit: 100, ...(beforeId ? { beforeId } : {}) });
    users.push(...page);
    if (page.length < 100) break;
    beforeId = page.at(-1)?.id;
  }
  return users.sort((a, b) => a.display_name.localeCompare(b.display_name));
}
