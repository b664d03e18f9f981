import { type Executor, type Locale, type Role, type UserRow, userRepo } from '@hubspoke/db';
import { conflict, invalid } from '../shared/errors.js';
import { checkPasswordPolicy, hashPassword } from './passwords.js';

export const ROLES: readonly Role[] = ['participant', 'tutor', 'moderator', 'admin'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!EMAIL.test(trimmed) || trimmed.length > 254) throw invalid('invalid_email', 'This is not a valid email address');
  return trimmed;
}

/** A short @handle derived from the name, for mentions: "Maria Rossi" → "maria.rossi". */
function handleBase(displayName: string, email: string): string {
  const fromName = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .slice(0, 24)
    .replace(/^\.+|\.+$/g, '');
  return fromName.length >= 2
    ? fromName
    : (email.split('@')[0] ?? 'user').replace(/[^a-z0-9]/g, '').slice(0, 24) || 'user';
}

async function uniqueHandle(db: Executor, displayName: string, email: string): Promise<string> {
  const base = handleBase(displayName, email);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (!(await userRepo.handleExists(db, candidate))) return candidate;
  }
}

export interface NewUserInput {
  email: string;
  displayName: string;
  password: string;
  role: Role;
  enteId?: number | null;
  locale?: Locale;
}

export async function createUser(db: Executor, input: NewUserInput): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const displayName = input.displayName.trim();
  if (displayName.length < 2 || displayName.length > 80) {
    throw invalid('invalid_display_name', 'The name must have between 2 and 80 characters');
  }
  if (!ROLES.includes(input.role)) throw invalid('invalid_role', `The role must be one of ${ROLES.join(', ')}`);
  checkPasswordPolicy(input.password);
  if (await userRepo.findByEmail(db, email)) throw conflict('email_taken', 'A user with this email already exists');
  return userRepo.insert(db, {
    email,
    handle: await uniqueHandle(db, displayName, email),
    display_name: displayName,
    role: input.role,
    ente_id: input.enteId ?? null,
    locale: input.locale ?? 'it',
    password_hash: await hashPassword(input.password),
  });
}
