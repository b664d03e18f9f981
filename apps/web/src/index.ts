import './request-types.js';

export { sendErrorPage, wantsHtmlPage } from './error-pages.js';
export { type WebOptions, webPlugin } from './plugin.js';
export { applySecurityHeaders, cspDirectives, toolCspDirectives } from './security.js';
export type { MultipartForm, UploadParsing } from './web-options.js';
