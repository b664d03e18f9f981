import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random secret handed to a client once (session cookie, API token, invitation link). */
export function generateToken(bytes = 20): string {
  const random = new Uint8Array(bytes);
  crypto.getRandomValues(random);
  return encodeBase32LowerCaseNoPadding(random);
}

/** What we store instead of a token: its SHA-256, so a database leak reveals no usable secret. */
export function hashToken(token: string): string {
  return hashText(token);
}

/** The SHA-256 of a text, in hex: what a consent record keeps of the exact words shown. */
export const hashText = (text: string): string => encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
