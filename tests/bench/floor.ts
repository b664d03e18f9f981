/**
 * The floor: a bare Fastify server with one route doing one trivial query through a pool built
 * the way the api builds its own (`createDb`, same size). No read endpoint can beat it.
 * Run as a child process by the bench: `PORT=… DATABASE_URL=… node --import tsx tests/bench/floor.ts`.
 */
import { createDb } from '@hubspoke/db';
import Fastify from 'fastify';
import { sql } from 'kysely';

const db = createDb(process.env.DATABASE_URL ?? '', { applicationName: 'hubspoke-bench-floor' });
const app = Fastify({ logger: false });
app.get('/floor', async () => {
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  return { one: rows[0]?.one };
});
app.addHook('onClose', () => db.destroy());
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
console.log(`floor is running at ${address}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
