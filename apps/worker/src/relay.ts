import type { Database } from '@hubspoke/db';
import { type OutboxEvent, relayOutbox } from '@hubspoke/domain';
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
  /** The message of the last round's failure, while rounds keep failing. */
  private failure: string | undefined;

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
  relayOnce(): Promise<number> {
    return relayOutbox({ db: this.db }, BATCH, async (events) => {
      const jobs = events.flatMap(toJob);
      if (jobs.length) await this.queue.addBulk(jobs);
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
      if (this.failure !== undefined) this.log('outbox relay: relaying again');
      this.failure = undefined;
    } catch (error) {
      // The queue's store fails fast while it is away: said once, not every round until it is back.
      const { message } = error as Error;
      if (message !== this.failure) this.log(`outbox relay: ${message}; retrying`);
      this.failure = message;
    } finally {
      this.running = false;
    }
    this.schedule(handled === BATCH ? 0 : this.intervalMs);
  }
}

/** The job an event is handed to, if any, under an id derived from the event's. */
function toJob(event: OutboxEvent) {
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
}
