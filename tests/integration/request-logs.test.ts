import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';
import { LiveClient, listen } from '../support/live.js';

/** Every line the server logs, as pino writes it. */
const lines: string[] = [];
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOG_LEVEL: 'info' }, { logStream: { write: (line) => lines.push(line) } });
});
afterAll(() => ctx.close());

const loggedUrls = () =>
  lines
    .map((line) => JSON.parse(line) as { req?: { url?: string } })
    .flatMap((entry) => (entry.req?.url ? [entry.req.url] : []));

describe('request logs', () => {
  it('never contain the api token a websocket connects with', async () => {
    const { session } = await signedIn(ctx);
    const { token } = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: session, payload: { name: 'live' } })
    ).json();
    const url = await listen(ctx.app);
    const client = await LiveClient.connect(url, { token });
    expect((await client.subscribe(['user:me']))[0]?.type).toBe('subscribed');
    expect(ctx.app.websocketServer.clients.size).toBe(1);
    client.close();
    // Once the server has let go of the connection, everything it logs about it has been written.
    await expect.poll(() => ctx.app.websocketServer.clients.size).toBe(0);

    expect(loggedUrls()).toContain('/ws?token=[redacted]');
    expect(lines.join('\n')).not.toContain(token);
  });

  it('redact secret query values and one-time link tokens, and keep the rest of the URL', async () => {
    const secret = 'hs_not-for-the-logs-0123456789';
    await ctx.request({ method: 'GET', url: `/api/threads?limit=5&token=${secret}&api_key=${secret}` });
    await ctx.request({ method: 'GET', url: `/email/unsubscribe/${secret}` });
    await ctx.request({ method: 'GET', url: `/password/nuova/${secret}?from=mail` });
    expect(lines.join('\n')).not.toContain(secret);
    const urls = loggedUrls();
    expect(urls).toContain('/api/threads?limit=5&token=[redacted]&api_key=[redacted]');
    expect(urls).toContain('/email/unsubscribe/[redacted]');
    expect(urls).toContain('/password/nuova/[redacted]?from=mail');
  });
});
