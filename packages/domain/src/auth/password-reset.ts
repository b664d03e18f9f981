import { passwordResetRepo, sessionRepo, userRepo } from '@hubspoke/db';
import { addSeconds } from '../shared/clock.js';
import { generateToken, hashToken } from '../shared/crypto.js';
import type { Deps } from '../shared/deps.js';
import { AppError } from '../shared/errors.js';
import { queueMail } from '../shared/mail-queue.js';
import { enforceRateLimit } from '../shared/rate-limit.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';

/**
 * Always succeeds from the caller's point of view, so the answer never tells whether an
 * address has an account; a mail is queued only when it does.
 */
export async function requestPasswordReset(deps: Deps, rawEmail: string, ip: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  await enforceRateLimit(
    deps.rateLimits,
    `reset:ip:${ip}`,
    deps.config.login.maxPerIp,
    deps.config.login.windowSeconds,
  );
  const user = await userRepo.findByEmail(deps.db, email);
  if (!user) return;
  const token = generateToken();
  const expiresAt = addSeconds(deps.clock.now(), deps.config.passwordResetMinutes * 60);
  await deps.db.transaction().execute(async (tx) => {
    await passwordResetRepo.insert(tx, { userId: user.id, tokenHash: hashToken(token), expiresAt });
    await queueMail(tx, {
      template: 'password_reset',
      recipient: user.email,
      locale: user.locale,
      data: { url: `${deps.config.publicUrl}/password/nuova/${token}`, expiresAt: expiresAt.toISOString() },
    });
  });
}

/** Sets the new password and ends every session of that user. */
export async function confirmPasswordReset(deps: Deps, input: { token: string; password: string }): Promise<void> {
  checkPasswordPolicy(input.password);
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction().execute(async (tx) => {
    const userId = await passwordResetRepo.consume(tx, hashToken(input.token), deps.clock.now());
    if (userId === undefined) throw new AppError(410, 'reset_token_invalid', 'This link is used, expired or unknown');
    await userRepo.setPassword(tx, userId, passwordHash);
    await sessionRepo.removeAllForUser(tx, userId);
  });
}
