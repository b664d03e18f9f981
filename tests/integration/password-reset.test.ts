import { mailOutboxRepo, passwordResetRepo } from '@hubspoke/db';
import { generateToken, hashToken, RESET_MAILS_PER_HOUR } from '@hubspoke/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/context.js';
import { newUser, signedIn } from '../support/factories.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ LOGIN_MAX_PER_IP: '1000' });
});
afterAll(() => ctx.close());

const requestReset = (email: string) =>
  ctx.request({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
const confirm = (token: string, password = 'la nuova password') =>
  ctx.request({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } });

/** The token in the latest reset mail queued for `email`. */
async function latestToken(email: string): Promise<string> {
  const mail = await mailOutboxRepo.latestFor(ctx.db, email, 'password_reset');
  return String(mail?.data.url ?? '')
    .split('/')
    .pop() as string;
}

const resetMails = async (email: string) =>
  (
    await ctx.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('recipient', '=', email)
      .where('template', '=', 'password_reset')
      .execute()
  ).length;

describe('password reset links', () => {
  it('a new link replaces the older ones', async () => {
    const user = await newUser(ctx);
    await requestReset(user.email);
    const older = await latestToken(user.email);
    await requestReset(user.email);
    const newer = await latestToken(user.email);
    expect(newer).not.toBe(older);
    const stale = await confirm(older);
    expect(stale.statusCode).toBe(410);
    expect(stale.json().error.code).toBe('reset_token_invalid');
    expect((await confirm(newer)).statusCode).toBe(204);
  });

  it('using one link voids every other outstanding link of that user', async () => {
    const user = await newUser(ctx);
    const expiresAt = new Date(Date.now() + 3_600_000);
    const tokens = [generateToken(), generateToken(), generateToken()];
    for (const token of tokens) {
      await passwordResetRepo.insert(ctx.db, { userId: user.id, tokenHash: hashToken(token), expiresAt });
    }
    const other = await newUser(ctx);
    const othersToken = generateToken();
    await passwordResetRepo.insert(ctx.db, { userId: other.id, tokenHash: hashToken(othersToken), expiresAt });

    expect((await confirm(tokens[1] as string)).statusCode).toBe(204);
    expect((await confirm(tokens[0] as string, 'un altra password')).statusCode).toBe(410);
    expect((await confirm(tokens[2] as string, 'un altra password')).statusCode).toBe(410);
    // Somebody else's link is untouched.
    expect((await confirm(othersToken)).statusCode).toBe(204);
  });

  it('revokes personal API tokens and ends sessions when the password is reset', async () => {
    const { user, session } = await signedIn(ctx);
    const { token } = (
      await ctx.request({ method: 'POST', url: '/api/me/tokens', as: session, payload: { name: 'script' } })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await ctx.request({ method: 'GET', url: '/api/me', headers: bearer })).statusCode).toBe(200);

    await requestReset(user.email);
    expect((await confirm(await latestToken(user.email))).statusCode).toBe(204);

    const afterReset = await ctx.request({ method: 'GET', url: '/api/me', headers: bearer });
    expect(afterReset.statusCode).toBe(401);
    expect(afterReset.json().error.code).toBe('invalid_token');
    expect((await ctx.request({ method: 'GET', url: '/api/me', as: session })).statusCode).toBe(401);
  });
});

describe('password reset mails', () => {
  it(`are sent at most ${RESET_MAILS_PER_HOUR} times an hour to one address, answering alike every time`, async () => {
    const user = await newUser(ctx);
    const answers = [];
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 3; i++) answers.push(await requestReset(user.email));
    const unknown = [];
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 3; i++) unknown.push(await requestReset('nessuno@example.it'));
    for (const answer of [...answers, ...unknown]) {
      expect(answer.statusCode).toBe(202);
      expect(answer.body).toBe(answers[0]?.body);
    }
    expect(await resetMails(user.email)).toBe(RESET_MAILS_PER_HOUR);
    expect(await resetMails('nessuno@example.it')).toBe(0);

    // The limit is per address: another account still gets its mail.
    const other = await newUser(ctx);
    expect((await requestReset(other.email.toUpperCase())).statusCode).toBe(202);
    expect(await resetMails(other.email)).toBe(1);
  });
});
