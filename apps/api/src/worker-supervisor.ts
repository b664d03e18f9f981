import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs the worker beside the api as a child process: they share nothing but
 * PostgreSQL (and Redis when there is one), exactly as when they run on separate machines.
 * A worker that exits is started again, after a delay that doubles up to 30 s while it keeps
 * failing quickly; the api serves on meanwhile, and /readyz says the worker is down.
 */
export class WorkerSupervisor {
  private child: ChildProcess | undefined;
  private ready = false;
  private stopping = false;
  private restartDelay = 1_000;
  private timer: NodeJS.Timeout | undefined;
  /** The worker's entry point, found through its package: it runs apart, nothing of it is imported here. */
  private readonly entry = fileURLToPath(import.meta.resolve('@hubspoke/worker/main'));

  constructor(private readonly env: Record<string, string>) {}

  /** Alive and past its start-up (it says so over the IPC channel). */
  alive = (): boolean => this.ready && this.child?.exitCode === null && this.child.signalCode === null;

  start(): void {
    const child = fork(this.entry, [], {
      env: { ...process.env, ...this.env, MIGRATE_ON_START: 'false' },
      stdio: 'inherit',
    });
    const startedAt = Date.now();
    this.child = child;
    this.ready = false;
    console.log(`Worker started (pid ${child.pid})`);
    child.on('message', (message) => {
      if (message === 'ready') this.ready = true;
    });
    child.once('exit', (code, signal) => {
      this.ready = false;
      if (this.stopping) return;
      // A worker that ran for a while before failing starts again at once; one that keeps failing waits longer.
      if (Date.now() - startedAt > 60_000) this.restartDelay = 1_000;
      console.error(`The worker exited (${signal ?? code}); starting it again in ${this.restartDelay / 1000} s`);
      this.timer = setTimeout(() => this.start(), this.restartDelay);
      this.restartDelay = Math.min(this.restartDelay * 2, 30_000);
    });
  }

  /** Stops the worker (SIGTERM lets it finish the jobs in hand) and waits for it to exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
