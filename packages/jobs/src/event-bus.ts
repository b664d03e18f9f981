import type { Redis } from 'ioredis';

/**
 * The api and the worker announce committed outbox events here (it satisfies the domain's
 * EventPublisher). Redis pub/sub carries only a wake-up ("events up to id N exist"); the events themselves are
 * read from PostgreSQL in id order. A lost message only delays delivery until the next poll.
 */
export class RedisEventBus {
  private readonly channel: string;

  constructor(
    private readonly publisher: Redis,
    prefix: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.channel = `${prefix}:events`;
  }

  publish(eventIds: readonly number[]): void {
    if (eventIds.length === 0) return;
    this.publisher.publish(this.channel, String(Math.max(...eventIds))).catch(this.onError);
  }

  /** Calls `onWake` whenever any process announces new events. Returns a function that stops listening. */
  async listen(onWake: () => void): Promise<() => Promise<void>> {
    const subscriber = this.publisher.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    subscriber.on('error', this.onError);
    subscriber.on('message', (channel) => {
      if (channel === this.channel) onWake();
    });
    // Subscribing again after a reconnect is ioredis' job (autoResubscribe).
    subscriber.subscribe(this.channel).catch(this.onError);
    return async () => {
      subscriber.disconnect();
    };
  }
}
