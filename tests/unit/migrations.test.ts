import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrations } from '@hubspoke/migrations';
import { describe, expect, it } from 'vitest';

describe('migrations', () => {
  it('lists every migration file of the folder, in name order', () => {
    const folder = fileURLToPath(new URL('../../migrations/src/', import.meta.url));
    const files = readdirSync(folder)
      .filter((f) => /^\d{8}_\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations)).toEqual(files);
    for (const migration of Object.values(migrations)) expect(typeof migration.down).toBe('function');
  });
});
