import { createDb, migrateToLatest } from '@hubspoke/db';
import type { TestProject } from 'vitest/node';
import { databaseUrl, withAdminClient } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    databasePrefix: string;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Migrates one template database per run and project; each test file clones it. Names carry
 * this process's id, so runs side by side never touch each other's databases, and databases
 * left by a run that was killed are recognised and dropped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prefix = `hubspoke_test_${process.pid}_${project.name.replace(/\W/g, '')}`;
  const template = `${prefix}_template`;
  await withAdminClient(async (c) => {
    const all = await c.query<{ datname: string }>(
      "select datname from pg_database where datname like 'hubspoke_test_%'",
    );
    for (const { datname } of all.rows) {
      const pid = Number(/^hubspoke_test_(\d+)_/.exec(datname)?.[1]);
      if (!pid || !alive(pid) || datname.startsWith(prefix))
        await c.query(`drop database if exists ${datname} with (force)`);
    }
    await c.query(`create database ${template}`);
  });
  const db = createDb(databaseUrl(template), { max: 1, namedStatements: false });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide('templateDatabase', template);
  project.provide('databasePrefix', prefix);
  return async () => {
    await withAdminClient((c) => c.query(`drop database if exists ${template} with (force)`));
  };
}
