import type { Config } from '@hubspoke/config';
import type { Database } from '@hubspoke/db';
import { loadDemo } from '@hubspoke/domain';

/** `npm run admin -- seed-demo`: loads the demo once (see loadDemo) and shows its accounts. */
export async function seedDemo(db: Database, config: Config): Promise<void> {
  const { loaded, password, accounts } = await loadDemo({ db, config });
  console.log(loaded ? 'Demo loaded.' : 'The demo is already loaded.');
  console.log(`Demo accounts (password: ${password}):`);
  for (const p of accounts) console.log(`  ${p.role.padEnd(12)} ${p.email}  ${p.name}`);
}
