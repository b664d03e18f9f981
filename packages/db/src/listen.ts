import pg from 'pg';

const RECONNECT_MS = 1_000;

export interface ChannelListener {
  /** Called with each notification's payload, in the order PostgreSQL sent them. */
  onMessage(payload: string): void;
  /** Listening has started (`again` after a lost connection: what was announced meanwhile is gone). */
  onListening?(again: boolean): void;
  /** The connection is lost; `onListening` follows once it is back. */
  onLost?(): void;
}

/**
 * LISTEN on a connection of its own for as long as it lasts. After losing it, reconnects every
 * second; notifications sent meanwhile are lost, which is why listeners are told both ways.
 * Returns a function that stops listening.
 */
export async function listenTo(
  databaseUrl: string,
  channel: string,
  listener: ChannelListener,
  onError: (error: Error) => void,
  applicationName = 'hubspoke-listen',
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let heardBefore = false;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    next.on('notification', (message) => {
      if (message.channel === channel) listener.onMessage(message.payload ?? '');
    });
    next.on('error', (error) => {
      onError(error);
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    client = next;
    try {
      await next.connect();
      await next.query(`listen ${next.escapeIdentifier(channel)}`);
      if (client === next && !stopped) {
        listener.onListening?.(heardBefore);
        heardBefore = true;
      }
    } catch (error) {
      onError(error as Error);
      reconnect(next);
    }
  };
  const reconnect = (lost: pg.Client) => {
    if (stopped || client !== lost) return;
    client = undefined;
    listener.onLost?.();
    lost.end().catch(() => {});
    retry = setTimeout(() => void connect(), RECONNECT_MS);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
