import { unsubscribeToken } from '@hubspoke/mail';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { signedIn } from '../support/factories.js';

let ctx: TestContext;
let admin: Session;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = (await signedIn(ctx, { role: 'admin' })).session;
});
afterAll(() => ctx.close());

/** The policy's directives by name. */
function directives(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

function expectNoFramingAndAPolicy(response: LightMyRequestResponse) {
  const policy = directives(response);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}

describe('security headers beside the pages', () => {
  it('the API reference and its assets send a policy without inline script and forbid framing', async () => {
    for (const url of ['/docs', '/docs/static/index.html', '/docs/static/swagger-initializer.js', '/docs/json']) {
      const response = await ctx.request({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(400);
      expectNoFramingAndAPolicy(response);
      expect(directives(response).get('script-src')).not.toContain("'unsafe-inline'");
    }
  });

  it('the job queues send it to admins and to refused visitors alike', async () => {
    const page = await ctx.request({ method: 'GET', url: '/admin/queues', as: admin });
    expect(page.statusCode).toBe(200);
    expectNoFramingAndAPolicy(page);
    // Its page asks no third party for fonts, and still loads its own style sheet.
    expect(page.body).toContain('<link href="static/css/');
    expect(page.body).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
    const refused = await ctx.request({ method: 'GET', url: '/admin/queues' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthenticated');
    expectNoFramingAndAPolicy(refused);
  });

  it('the unsubscribe page sends the pages’ policy, valid link or not', async () => {
    const { user } = await signedIn(ctx);
    const token = unsubscribeToken(ctx.config.appSecret, user.id, 'digest');
    const valid = await ctx.request({ method: 'GET', url: `/email/unsubscribe/${token}` });
    expect(valid.statusCode).toBe(200);
    expectNoFramingAndAPolicy(valid);
    expect(directives(valid).get('form-action')).toEqual(["'self'"]);
    const invalid = await ctx.request({ method: 'GET', url: '/email/unsubscribe/not-a-real-token' });
    expect(invalid.statusCode).toBe(404);
    expectNoFramingAndAPolicy(invalid);
  });
});
