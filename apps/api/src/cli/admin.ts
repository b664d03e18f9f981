import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@hubspoke/config';
import { createDb, ensureDatabase, migrateToLatest, type Role } from '@hubspoke/db';
import { AppError, createUser, ROLES } from '@hubspoke/domain';
import { resolveServices } from '@hubspoke/jobs';
import { sendDueDigests } from './digests.js';
import { seedDemo } from './seed-demo.js';

const USAGE = `Usage:
  npm run admin -- create-user --email E --name N --role R [--password P]
  npm run admin -- seed-demo
  npm run admin -- digests --now`;

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw new AppError(400, 'password_required', 'No password given (--password or on standard input)');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question('Password: ');
  rl.close();
  return password;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  // Finds the same database `npm start` uses, the embedded one included (started for the command if need be).
  const services = await resolveServices(loadConfig());
  const { config } = services;
  await ensureDatabase(config.databaseUrl).catch(async (error) => {
    await services.stop();
    throw error;
  });
  const db = createDb(config.databaseUrl, { max: 2, applicationName: 'hubspoke-admin' });
  try {
    await migrateToLatest(db);
    if (command === 'create-user') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
        },
      });
      if (!values.email || !values.name || !values.role) throw new AppError(400, 'usage', USAGE);
      if (!ROLES.includes(values.role as Role))
        throw new AppError(400, 'invalid_role', `--role must be one of ${ROLES.join(', ')}`);
      const password = values.password ?? (await askPassword());
      const user = await createUser(db, {
        email: values.email,
        displayName: values.name,
        role: values.role as Role,
        password,
      });
      console.log(user.id);
    } else if (command === 'seed-demo') {
      await seedDemo(db, config);
    } else if (command === 'digests' && rest.includes('--now')) {
      await sendDueDigests(db, config);
    } else {
      throw new AppError(400, 'usage', USAGE);
    }
  } finally {
    await db.destroy();
    await services.stop();
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof AppError || error instanceof ConfigError) console.error(error.message);
  else console.error(`admin failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
