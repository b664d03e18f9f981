import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../shared/errors.js';

// @node-rs/argon2 defaults to argon2id with OWASP's recommended cost (19 MiB, 2 passes).
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (passwordHash: string, password: string) => verify(passwordHash, password);

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function checkPasswordPolicy(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw invalid('weak_password', `The password must have between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters`);
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * A hash to verify against when the email is unknown, so a wrong email costs the same time
 * as a wrong password and response times do not reveal who has an account.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('not-a-real-password-just-for-timing');
  return dummyHash;
}
