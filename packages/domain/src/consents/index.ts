export { acceptancesCsv, CONSENT_TEXT_MAX, listAcceptances, publishConsentVersion } from './admin.js';
export {
  acceptConsent,
  assertPattoAccepted,
  currentConsentText,
  getConsent,
  listConsents,
  revokeConsent,
} from './consents.js';
export {
  type AcceptanceDto,
  AcceptanceSchema,
  CONSENT_KINDS,
  type ConsentDto,
  type ConsentKind,
  ConsentKindSchema,
  ConsentSchema,
  isConsentKind,
} from './dto.js';
