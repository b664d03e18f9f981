import { isMessageKey, type MessageKey, type Params } from '@hubspoke/i18n';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { deleteCookie, readCookie, writeCookie } from './cookies.js';

const FLASH_COOKIE = 'hs_flash';

/**
 * A one-shot message carried across a Post/Redirect/Get in a short-lived HttpOnly cookie, so a
 * reload never repeats the POST. `secret` holds a value to show exactly once (a new API token).
 */
export interface Flash {
  key: MessageKey;
  params?: Params;
  secret?: string;
}

export function setFlash(reply: FastifyReply, flash: Flash, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(flash)).toString('base64url');
  writeCookie(reply, FLASH_COOKIE, value, { maxAgeSeconds: 120, secure });
}

/** Reads and clears the flash. Only known `flash.*` keys are shown, so a forged cookie cannot inject text. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply, secure: boolean): Flash | null {
  const value = readCookie(request, FLASH_COOKIE);
  if (!value) return null;
  deleteCookie(reply, FLASH_COOKIE, secure);
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Flash>;
    if (typeof parsed.key !== 'string' || !parsed.key.startsWith('flash.') || !isMessageKey(parsed.key)) return null;
    const params = typeof parsed.params === 'object' && parsed.params ? parsed.params : undefined;
    const secret = typeof parsed.secret === 'string' ? parsed.secret : undefined;
    return { key: parsed.key, ...(params ? { params } : {}), ...(secret ? { secret } : {}) };
  } catch {
    return null;
  }
}
