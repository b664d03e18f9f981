import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const errorShape = { error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } };

describe('the error shape', () => {
  it('answers 404 JSON for an unknown route', async () => {
    const response = await ctx.request({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toEqual(errorShape);
    expect(response.json().error.code).toBe('not_found');
  });

  it('answers 400 invalid_json for a malformed body', async () => {
    const response = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(errorShape);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers 400 invalid_request for a body that breaks the schema', async () => {
    for (const payload of [
      { email: 'a@b.it' },
      { email: 42, password: 'x' },
      { email: 'a@b.it', password: 'x', admin: true },
    ]) {
      const response = await ctx.request({ method: 'POST', url: '/api/auth/login', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('invalid_request');
    }
  });

  it('answers 413 for an oversized body and 415 for an unknown media type', async () => {
    const big = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.it', password: 'x'.repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const xml = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
  });

  it('answers 400 for a non-numeric id and 404 for an unknown one', async () => {
    const { session } = await signedIn(ctx);
    const bad = await ctx.request({ method: 'GET', url: '/api/tables/abc', as: session });
    expect(bad.statusCode).toBe(400);
    const unknown = await ctx.request({ method: 'GET', url: '/api/tables/987654', as: session });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('table_not_found');
  });

  it('tags every response with a request id', async () => {
    const response = await ctx.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-me-123' } });
    expect(response.headers['x-request-id']).toBe('trace-me-123');
  });
});

describe('health', () => {
  it('is alive and ready when PostgreSQL and Redis answer', async () => {
    expect((await ctx.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await ctx.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ postgres: 'up', redis: 'up' });
  });

  it('answers 503 naming Redis when Redis is unreachable', async () => {
    const broken = await createTestContext({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const ready = await broken.request({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toEqual({ postgres: 'up', redis: 'down' });
      expect(ready.json().error.message).toMatch(/redis is down/);
      // Sign-in keeps its limits in PostgreSQL, beside the sessions: a Redis outage does not stop it.
      const login = await broken.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.it', password: 'whatever' },
      });
      expect(login.statusCode).toBe(401);
      expect(login.json().error.code).toBe('invalid_credentials');
    } finally {
      await broken.close();
    }
  });

  it('serves the OpenAPI document', async () => {
    const response = await ctx.request({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/tables',
        '/api/invitations',
        '/api/experiences',
        '/api/experiences/{id}',
        '/api/stakeholders',
        '/api/tables/{id}/path',
        '/api/tables/{id}/calendar.ics',
        '/api/programme/progress',
        '/api/conversations',
        '/api/conversations/{id}/messages',
        '/api/uploads',
        '/api/threads/{id}/draft',
      ]),
    );
  });
});
