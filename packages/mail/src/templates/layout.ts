import { type Locale, translator } from '@hubspoke/i18n';
import { escapeHtml } from '@hubspoke/markdown';

/**
 * Wraps a body (already escaped or sanitised) in a plain, accessible HTML email. Inline styles
 * only: mail clients ignore style sheets.
 */
export function layout(locale: Locale, title: string, bodyHtml: string, unsubscribeUrl?: string): string {
  const t = translator(locale);
  const unsubscribe = unsubscribeUrl
    ? `<p><a href="${escapeHtml(unsubscribeUrl)}" style="color:#5c6f82">${escapeHtml(t('mail.stop'))}</a></p>`
    : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f5f6f7;font-family:'Titillium Web',Geneva,Tahoma,sans-serif;color:#17324d">
<div style="max-width:640px;margin:0 auto;background:#fff;padding:24px;border-top:4px solid #0066cc">
<p style="margin:0 0 16px;font-weight:700;color:#0066cc">Hub&amp;Spoke Community</p>
${bodyHtml}
<hr style="border:0;border-top:1px solid #d9dadb;margin:24px 0">
<p style="font-size:13px;color:#5c6f82">${escapeHtml(t('mail.footer'))}</p>${unsubscribe}
</div></body></html>`;
}

/** The text part's footer, with the unsubscribe link when there is one. */
export function textFooter(locale: Locale, unsubscribeUrl?: string): string {
  const t = translator(locale);
  return `\n\n--\n${t('mail.footer')}${unsubscribeUrl ? `\n${t('mail.stop')}: ${unsubscribeUrl}` : ''}\n`;
}
