import { createServer } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrl, dropTestDatabase } from '../support/databases.js';
import { freePort, type ServerProcess, startServer } from '../support/server-process.js';

const database = `${inject('databasePrefix')}_start`;
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.stop();
  await dropTestDatabase(database);
});

describe('npm start', () => {
  it('creates its database, migrates, serves /readyz 200 with the worker running, and stops cleanly', async () => {
    const port = await freePort();
    const started = Date.now();
    server = await startServer('npm', ['start', '--silent'], {
      DATABASE_URL: databaseUrl(database),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      REDIS_PREFIX: `test:${database}`,
      LOG_LEVEL: 'warn',
    });
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    // Ready once the worker it started is up too.
    const url = server.url;
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 30_000 }).toBe(200);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.output()).toMatch(/Created the database/);
    expect(server.output()).toMatch(/Applied \d+ migration/);
    await expect.poll(() => server?.output(), { timeout: 15_000 }).toMatch(/Worker ready/);

    // npm relays the signal to the server and reports the signal itself, so judge by the server's own words.
    await server.stop('SIGTERM');
    expect(server.output()).toMatch(/Stopped cleanly/);
    expect(server.output()).not.toMatch(/Start failed|Error/);
  });

  it('says which port is taken when something else listens there, and stops', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(
        startServer('npm', ['start', '--silent'], {
          DATABASE_URL: databaseUrl(database),
          PORT: String(port),
          REDIS_PREFIX: `test:${database}`,
          LOG_LEVEL: 'warn',
        }),
      ).rejects.toThrow(new RegExp(`Start failed: .*EADDRINUSE.*\\(port ${port} is taken; set PORT to another one\\)`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
