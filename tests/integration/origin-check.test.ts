import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../support/factories.js';
import { LiveClient } from '../support/live.js';
import { startWebServer, type WebServer } from '../support/web-server.js';

/** Posts the sign-in form over a real connection, as a browser opened at `origin` does. */
async function signInForm(server: WebServer, origin: string, user: { email: string; password: string }) {
  const response = await fetch(`${server.url}/accedi`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, accept: 'text/html' },
    body: new URLSearchParams({ email: user.email, password: user.password, next: '/' }).toString(),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hs_session='));
  return { status: response.status, body: await response.text(), cookie: cookie?.split(';')[0] };
}

describe('outside production, with PUBLIC_URL unset and the forum on another port', () => {
  let server: WebServer;
  let port: number;
  beforeAll(async () => {
    server = await startWebServer({ PUBLIC_URL: '' });
    port = server.config.port;
  });
  afterAll(() => server.close());

  it('derives PUBLIC_URL from PORT', () => {
    expect(port).not.toBe(3000);
    expect(server.config.publicUrl).toBe(`http://localhost:${port}`);
  });

  it('signs in from the form opened at localhost, 127.0.0.1 or [::1] on that port', async () => {
    const user = await newUser(server);
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      const answer = await signInForm(server, `http://${host}:${port}`, user);
      expect(answer.status, host).toBe(303);
      expect(answer.cookie, host).toMatch(/^hs_session=.+/);
    }
  });

  it('opens live updates from 127.0.0.1 with the session cookie', async () => {
    const user = await newUser(server);
    const { cookie } = await signInForm(server, `http://127.0.0.1:${port}`, user);
    if (!cookie) throw new Error('no session cookie');
    const live = await LiveClient.connect(`ws://127.0.0.1:${port}/ws`, {
      session: { cookie },
      origin: `http://127.0.0.1:${port}`,
    });
    const answer = await live.subscribe(['user:me']);
    expect(answer.at(-1)?.type).toBe('subscribed');
    live.close();
  });

  it('still refuses a form from another port, and says which address it expected', async () => {
    const user = await newUser(server);
    const other = port === 3000 ? 3001 : 3000;
    const answer = await signInForm(server, `http://localhost:${other}`, user);
    expect(answer.status).toBe(403);
    expect(answer.cookie).toBeUndefined();
    expect(answer.body).toContain('La richiesta non proviene dalle pagine del forum');
    expect(answer.body).toContain(`http://localhost:${port}`);
    expect(answer.body).toContain(`http://localhost:${other}`);
  });
});

describe('in production', () => {
  let server: WebServer;
  beforeAll(async () => {
    // startWebServer sets PUBLIC_URL to http://127.0.0.1:<port>.
    server = await startWebServer({ NODE_ENV: 'production', APP_SECRET: 'p'.repeat(40), LOG_LEVEL: 'silent' });
  });
  afterAll(() => server.close());

  it('accepts only PUBLIC_URL’s origin, and names it on the error page', async () => {
    const user = await newUser(server);
    const port = server.config.port;
    expect((await signInForm(server, server.url, user)).status).toBe(303);
    const loopback = await signInForm(server, `http://localhost:${port}`, user);
    expect(loopback.status).toBe(403);
    expect(loopback.body).toContain(`http://127.0.0.1:${port}`);
    const api = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(api.status).toBe(403);
    const error = (await api.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('csrf_rejected');
    expect(error.error.message).toContain(`Origin http://127.0.0.1:${port} expected`);
  });
});
