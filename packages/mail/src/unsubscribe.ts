import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a one-click link turns off: digests, or notification mails. */
export type UnsubscribeScope = 'digest' | 'notifications';

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');

/** A link that works without signing in, for exactly one person and one kind of mail. */
export function unsubscribeToken(secret: string, userId: number, scope: UnsubscribeScope): string {
  const payload = `${userId}.${scope}`;
  return `${Buffer.from(payload).toString('base64url')}.${sign(secret, payload)}`;
}

export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: number; scope: UnsubscribeScope } | undefined {
  const [encoded = '', signature = ''] = token.split('.');
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const [id, scope] = payload.split('.');
  const userId = Number(id);
  if (!Number.isSafeInteger(userId) || (scope !== 'digest' && scope !== 'notifications')) return undefined;
  return { userId, scope };
}

/** The RFC 2369 / RFC 8058 headers that let mail clients offer a one-click unsubscribe. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
