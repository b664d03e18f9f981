import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Lets tsx resolve `@hubspoke/*` to the TypeScript sources, as the tests do. */
const SOURCES = { TSX_TSCONFIG_PATH: 'tests/tsconfig.json' };

export interface Child {
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `node …args` and waits until it prints "is running at <url>". */
async function startChild(args: string[], env: Record<string, string>): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    if (!stopping)
      console.error(`\n${args.join(' ')} exited unexpectedly (${child.exitCode}):\n${output.slice(-3_000)}`);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start in 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const match = /is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited with ${child.exitCode}:\n${output}`));
    });
  });
  return {
    pid: child.pid as number,
    url,
    output: () => output,
    async stop() {
      stopping = true;
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Builds the workspaces (`tsc -b`, as `npm start` does) so the api runs as it does in production.
 * Returns false when the build fails; the bench then runs the api from its sources through tsx.
 */
export function build(): boolean {
  const result = spawnSync('npx', ['tsc', '-b'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status === 0 && existsSync(`${ROOT}apps/api/dist/main.js`)) return true;
  console.warn(`  build failed; running the api from its sources:\n${(result.stdout + result.stderr).slice(0, 2_000)}`);
  return false;
}

export interface ApiSettings {
  databaseUrl: string;
  built: boolean;
  backend: 'redis' | 'postgres';
  /** Where the worker sends its mail (a local sink). */
  smtpUrl: string;
}

export interface Api extends Child {
  origin: string;
  entry: string;
  /** The worker the api started (`--with-worker`), once it runs. */
  workerPids(): number[];
}

/** Child processes of `pid` (Linux lists them per thread; the main thread's are the ones forked). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * The real api as `npm start` runs it, with its worker (`--with-worker`) relaying events,
 * notifying watchers and sending their mail, and with limits raised so they do not shape the results.
 */
export async function startApi({ databaseUrl, built, backend, smtpUrl }: ApiSettings): Promise<Api> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const main = built ? ['apps/api/dist/main.js'] : ['--import', 'tsx', 'apps/api/src/main.ts'];
  // BENCH_CPU_PROF=<folder>: the api writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const args = [...profile, ...main, '--with-worker'];
  const child = await startChild(args, {
    ...(built ? {} : SOURCES),
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: backend === 'postgres' ? 'none' : 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'bench',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    MIGRATE_ON_START: 'false',
    LOG_LEVEL: 'warn',
    POST_MAX_PER_WINDOW: '100000',
    POST_WINDOW_SECONDS: '1',
    LOGIN_MAX_PER_IP: '100000',
    LOGIN_MAX_PER_ACCOUNT: '10000',
    APP_SECRET: randomBytes(24).toString('hex'),
    UPLOAD_DIR: join(tmpdir(), 'hubspoke-bench', 'uploads'),
    SMTP_URL: smtpUrl,
  });
  return { ...child, origin, entry: args.join(' '), workerPids: () => childrenOf(child.pid) };
}

export async function startFloor(databaseUrl: string): Promise<Child> {
  const port = await freePort();
  return startChild(['--import', 'tsx', 'tests/bench/floor.ts'], {
    ...SOURCES,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
  });
}
