import { ConfigError, loadConfig } from '@hubspoke/config';
import { createDb, ensureDatabase, migrateToLatest } from '@hubspoke/db';
import { resolveServices } from '@hubspoke/jobs';
import { startWorker } from './worker.js';

async function main() {
  const services = await resolveServices(loadConfig());
  const { config } = services;
  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    const db = createDb(config.databaseUrl, { max: 1 });
    await migrateToLatest(db).finally(() => db.destroy());
  }
  const worker = await startWorker(config);
  console.log('Worker ready');
  // Under `npm start` the api supervises this process and counts it ready from here.
  process.send?.('ready');
  const stop = async () => {
    await worker.close();
    await services.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : `Worker failed: ${(error as Error).message}`,
  );
  process.exit(1);
});
