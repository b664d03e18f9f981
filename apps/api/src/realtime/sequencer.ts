import type { Database } from '@hubspoke/db';
import { eventsAfter, latestEventId, transactionBounds } from '@hubspoke/domain';

export interface LiveEvent {
  id: number;
  name: string;
  rooms: string[];
  data: Record<string, unknown>;
}

const BATCH = 500;
/** Never wait longer than this for a missing id, whatever the snapshots say. */
const MAX_GAP_WAIT_MS = 5_000;

/**
 * Delivers committed events in strict id order. Ids come from a sequence and can commit out of
 * order: when id N+2 is visible but N+1 is not, the sequencer waits until every transaction that
 * was running when it saw the gap has finished (PostgreSQL snapshots say when), so a slow commit
 * is delivered in order and an aborted one is skipped. That makes "everything up to my last id"
 * a true statement for resuming clients.
 */
export class Sequencer {
  watermark = 0;
  private running = false;
  private again = false;
  private gap: { xmax: bigint; since: number; closed: boolean } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private readonly deps: { db: Database };

  constructor(
    db: Database,
    private readonly deliver: (event: LiveEvent) => void,
    private readonly onError: (error: Error) => void,
  ) {
    this.deps = { db };
  }

  /** Starts after the newest event; polls as a safety net for lost wake-ups. */
  async start(pollMs = 1_000): Promise<void> {
    this.watermark = await latestEventId(this.deps);
    this.poller = setInterval(() => this.wake(), pollMs);
    this.poller.unref();
  }

  stop(): void {
    clearInterval(this.poller);
    clearTimeout(this.timer);
  }

  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.pump()
      .catch(this.onError)
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async pump(): Promise<void> {
    read: for (;;) {
      const rows = await eventsAfter(this.deps, this.watermark, BATCH);
      for (const row of rows) {
        if (row.id !== this.watermark + 1 && !this.gap?.closed) {
          if (!(await this.closeGap())) {
            this.retrySoon();
            return;
          }
          // Every transaction that could fill the gap has ended: read once more, since one may
          // have committed after the read above; a gap that survives that read is skipped.
          continue read;
        }
        this.gap = undefined;
        this.watermark = row.id;
        this.deliver({ id: row.id, name: row.name, rooms: row.rooms, data: row.data });
      }
      if (rows.length < BATCH) return;
    }
  }

  /** True once no transaction that was running when the gap was first seen is still running. */
  private async closeGap(): Promise<boolean> {
    const now = Date.now();
    if (!this.gap) {
      this.gap = { xmax: (await transactionBounds(this.deps)).xmax, since: now, closed: false };
      return false;
    }
    this.gap.closed =
      now - this.gap.since > MAX_GAP_WAIT_MS || (await transactionBounds(this.deps)).xmin >= this.gap.xmax;
    return this.gap.closed;
  }

  private retrySoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), 20);
    this.timer.unref();
  }
}
