import { connect } from 'node:net';

/**
 * Whether something accepts TCP connections at the host and port of `url` (PostgreSQL or Redis).
 * Only "nothing there" counts as no: a server that answers but refuses us is reported by the
 * connection itself, with its own message, rather than silently replaced.
 */
export function serverAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol.startsWith('redis') ? 6379 : 5432;
  return new Promise((resolve) => {
    const socket = connect({
      host: hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
      port: Number(port) || defaultPort,
    });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
