import type { ConsentState, ConsentVersionRow, Locale } from '@hubspoke/db';
import { type Static, Type } from 'typebox';
import { DateTime, literals, Nullable } from '../shared/schema.js';

export const CONSENT_KINDS = ['patto', 'liberatoria', 'privacy'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const isConsentKind = (value: string): value is ConsentKind =>
  (CONSENT_KINDS as readonly string[]).includes(value);
export const ConsentKindSchema = literals([...CONSENT_KINDS]);

export const ConsentSchema = Type.Object({
  kind: ConsentKindSchema,
  version: Nullable(Type.Integer({ description: 'the current version; null while none is published' })),
  textHtml: Nullable(Type.String({ description: 'the current text in your language, sanitized' })),
  publishedAt: Nullable(DateTime),
  acceptedVersion: Nullable(Type.Integer({ description: 'the version you accepted last, if not revoked since' })),
  acceptedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  pending: Type.Boolean({ description: 'a current version exists and you have not accepted it' }),
});
export type ConsentDto = Static<typeof ConsentSchema>;

export const consentToDto = (
  kind: ConsentKind,
  current: ConsentVersionRow | undefined,
  state: ConsentState | undefined,
  locale: Locale,
): ConsentDto => {
  const accepted = state?.action === 'accept' ? state : undefined;
  return {
    kind,
    version: current?.version ?? null,
    textHtml: current ? (locale === 'en' ? current.html_en : current.html_it) : null,
    publishedAt: current?.published_at.toISOString() ?? null,
    acceptedVersion: accepted?.version ?? null,
    acceptedAt: accepted?.created_at.toISOString() ?? null,
    revokedAt: state?.action === 'revoke' ? state.created_at.toISOString() : null,
    pending: current !== undefined && accepted?.version !== current.version,
  };
};

export const AcceptanceSchema = Type.Object({
  user: Type.Object({ id: Type.Integer(), displayName: Type.String(), email: Type.String(), role: Type.String() }),
  ente: Nullable(Type.String()),
  state: literals(['accepted', 'outdated', 'revoked', 'never']),
  version: Nullable(Type.Integer()),
  at: Nullable(DateTime),
});
export type AcceptanceDto = Static<typeof AcceptanceSchema>;
