import { describeNotification, type Locale, type NotificationWords, translator } from '@hubspoke/i18n';
import { escapeHtml } from '@hubspoke/markdown';
import type { RenderedMail } from './account.js';
import { layout, textFooter } from './layout.js';

export interface DigestThread {
  title: string;
  url: string;
  newPosts: number;
  isNew: boolean;
  kind: string;
}

export interface DigestContent {
  frequency: 'daily' | 'weekly';
  recipientName: string;
  /** By focus area, then by table. */
  groups: Array<{ focusAreaName: string; tables: Array<{ tableName: string; threads: DigestThread[] }> }>;
  questions: Array<{ title: string; url: string; tableName: string; assignedToYou: boolean }>;
  documents: Array<{ title: string; url: string }>;
  notifications: Array<NotificationWords & { url: string }>;
  /** Private conversations waiting unread: only how many. */
  unreadConversations: { count: number; url: string } | null;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

/** The digest: threads grouped by focus area and table, then questions, documents, notifications. */
export function renderDigestMail(locale: Locale, digest: DigestContent): RenderedMail {
  const t = translator(locale);
  const title = t(`mail.digest.title.${digest.frequency}`);
  const subject = t('mail.digest.subject', { title });
  const hello = t('mail.digest.hello', { name: digest.recipientName });
  const html: string[] = [`<h1 style="font-size:22px">${escapeHtml(title)}</h1>`, `<p>${escapeHtml(hello)}</p>`];
  const text: string[] = [title, '', hello];
  const describe = (thread: DigestThread) =>
    `${thread.isNew ? `${t('mail.digest.newThread')} · ` : ''}${t('mail.digest.posts', { count: thread.newPosts })}`;
  for (const group of digest.groups) {
    html.push(`<h2 style="font-size:18px;color:#0066cc">${escapeHtml(group.focusAreaName)}</h2>`);
    text.push('', `== ${group.focusAreaName} ==`);
    for (const table of group.tables) {
      html.push(`<h3 style="font-size:16px">${escapeHtml(table.tableName)}</h3><ul>`);
      text.push(`-- ${table.tableName}`);
      for (const thread of table.threads) {
        html.push(
          `<li>${link(thread.url, thread.title)} <span style="color:#5c6f82">(${escapeHtml(describe(thread))})</span></li>`,
        );
        text.push(`* ${thread.title} (${describe(thread)})`, `  ${thread.url}`);
      }
      html.push('</ul>');
    }
  }
  const section = (title: string, items: Array<{ html: string; text: string }>) => {
    if (items.length === 0) return;
    html.push(
      `<h2 style="font-size:18px">${escapeHtml(title)}</h2><ul>${items.map((i) => `<li>${i.html}</li>`).join('')}</ul>`,
    );
    text.push('', `== ${title} ==`, ...items.map((i) => `* ${i.text}`));
  };
  section(
    t('mail.digest.questions'),
    digest.questions.map((q) => {
      const note = `${q.tableName}${q.assignedToYou ? ` · ${t('mail.digest.assigned')}` : ''}`;
      return {
        html: `${link(q.url, q.title)} <span style="color:#5c6f82">(${escapeHtml(note)})</span>`,
        text: `${q.title} (${note})\n  ${q.url}`,
      };
    }),
  );
  section(
    t('mail.digest.documents'),
    digest.documents.map((d) => ({ html: link(d.url, d.title), text: `${d.title}\n  ${d.url}` })),
  );
  section(
    t('mail.digest.notifications'),
    digest.notifications.map((n) => {
      const sentence = describeNotification(t, n);
      return { html: link(n.url, sentence), text: `${sentence}\n  ${n.url}` };
    }),
  );
  if (digest.unreadConversations) {
    const { count, url } = digest.unreadConversations;
    section(t('mail.digest.conversations'), [
      {
        html: link(url, t('mail.digest.unreadConversations', { count })),
        text: `${t('mail.digest.unreadConversations', { count })}\n  ${url}`,
      },
    ]);
  }
  const preferences = t('mail.digest.preferences');
  html.push(`<p style="font-size:13px">${link(digest.preferencesUrl, preferences)}</p>`);
  text.push('', `${preferences}: ${digest.preferencesUrl}`);
  return {
    subject,
    html: layout(locale, subject, html.join('\n'), digest.unsubscribeUrl),
    text: text.join('\n') + textFooter(locale, digest.unsubscribeUrl),
  };
}
