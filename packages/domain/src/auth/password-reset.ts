import { apiTokenRepo, passwordResetRepo, sessionRepo, userRepo } from '@hubspoke/db';
import { addSeconds } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { assertLocalPasswords } from './oidc.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';

/** Reset mails one address may receive per hour; more requests are answered alike but send nothing. */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * Always succeeds from the caller's point of view, so the answer never tells whether an
 * address has an account; a mail is queued only when it does, and at most
 * `RESET_MAILS_PER_HOUR` times an hour per address (counted for unknown addresses too, so the
 * limit itself tells nothing either). A new link replaces every older one.
 */
export async function requestPasswordReset(deps: Deps, rawEmail: string, ip: string): Promise<void> {
  assertLocalPasswords(deps.config);
  const email = rawEmail.trim().toLowerCase();
  await enforceRateLimit(
    deps.rateLimits,
    `reset:ip:${ip}`,
    deps.config.login.maxPerIp,
    deps.config.login.windowSeconds,
  );
  const sent = await deps.rateLimits.hit(`reset:email:${email}`, 3600);
  if (sent.count > RESET_MAILS_PER_HOUR) return;
  const user = await userRepo.findByEmail(deps.db, email);
  // A deactivated account gets no link: it could not sign in with the new password anyway.
  if (!user || user.deactivated_at) return;
  const token = generateToken();
  const expiresAt = addSeconds(deps.clock.now(), deps.config.passwordResetMinutes * 60);
  await deps.db.transaction().execute(async (tx) => {
    await passwordResetRepo.invalidateAllForUser(tx, user.id, deps.clock.now());
    await passwordResetRepo.insert(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
    await queueMail(tx, {
      template: 'password_reset',
      recipient: user.email,
      locale: user.locale,
      data: { url: `${deps.config.publicUrl}/password/nuova/${token}`, expiresAt: expiresAt.toISOString() },
    });
  });
}

/**
 * Sets the new password, voids every other reset link of that user, ends every session and
 * revokes every personal API token.
 */
export async function confirmPasswordReset(deps: Deps, input: { token: string; password: string }): Promise<void> {
  assertLocalPasswords(deps.config);
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (tx) => {
    const userId = await passwordResetRepo.consume(tx, hashToken(input.token), deps.clock.now());
    if (userId === undefined) throw new AppError(410, 'reset_token_invalid', 'This link is used, expired or unknown');
    await passwordResetRepo.invalidateAllForUser(tx, userId, deps.clock.now());
    await userRepo.setPassword(tx, userId, passwordHash);
    await sessionRepo.removeAllForUser(tx, userId);
    await apiTokenRepo.revokeAllForUser(tx, userId);
  });
}
