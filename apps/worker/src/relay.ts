import { type Database, eventRepo } from '@hubspoke/db';
import { defaultJobOptions, eventJobId, type JobQueue, RELAYED_EVENTS } from '@hubspoke/jobs';

const BATCH = 200;

/**
 * Moves outbox events into BullMQ. Rows are locked with SKIP LOCKED, enqueued with a job id
 * derived from the event id, then marked relayed in the same transaction: a second relay skips
 * them, and a crash before the commit only re-enqueues ids BullMQ already knows. With the queue's
 * store (Redis, or PostgreSQL alone) unreachable the transaction rolls back and the rows wait in PostgreSQL for the next round.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly queue: JobQueue,
    private readonly log: (message: string) => void,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Relays one batch; returns how many events it handled. */
  async relayOnce(): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const events = await eventRepo.lockUnrelayed(tx, BATCH);
      const jobs = events.flatMap((event) => {
        const name = RELAYED_EVENTS[event.name];
        return name
          ? [
              {
                name,
                data: { eventId: event.id },
                opts: { ...defaultJobOptions, jobId: eventJobId(event.id), removeOnComplete: { age: 86_400 } },
              },
            ]
          : [];
      });
      if (jobs.length) await this.queue.addBulk(jobs);
      await eventRepo.markRelayed(
        tx,
        events.map((e) => e.id),
        new Date(),
      );
      return events.length;
    });
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    this.running = true;
    let handled = 0;
    try {
      handled = await this.relayOnce();
    } catch (error) {
      this.log(`outbox relay: ${(error as Error).message}; retrying`);
    } finally {
      this.running = false;
    }
    this.schedule(handled === BATCH ? 0 : this.intervalMs);
  }
}
