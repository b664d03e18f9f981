import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@hubspoke/db';
import { afterAll, describe, expect, it } from 'vitest';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function dataDir() {
  const folder = await mkdtemp(join(tmpdir(), 'hubspoke-embedded-'));
  await chmod(folder, 0o755);
  folders.push(folder);
  return folder;
}

describe('the embedded PostgreSQL', () => {
  it('says why it cannot start, quoting the server, when its folder holds a cluster it cannot use', async () => {
    const data = await dataDir();
    await mkdir(join(data, 'postgres'), { mode: 0o700 });
    await writeFile(join(data, 'postgres', 'PG_VERSION'), '16\n');
    await writeFile(join(data, 'postgres', 'hubspoke-password'), 'secret\n');
    const started = startEmbeddedPostgres(data, 'hubspoke');
    await expect(started).rejects.toThrow(/the embedded PostgreSQL did not start: postgres exited/);
    await expect(started).rejects.toThrow(/postgres: (could not|database files are incompatible)/);
    await expect(started).rejects.toThrow(/full log: .*postgres\.log/);
  });

  it('refuses a cluster whose password it does not have, rather than guessing', async () => {
    const data = await dataDir();
    await mkdir(join(data, 'postgres'));
    await writeFile(join(data, 'postgres', 'PG_VERSION'), '17\n');
    await expect(startEmbeddedPostgres(data, 'hubspoke')).rejects.toThrow(/without hubspoke-password/);
  });
});
