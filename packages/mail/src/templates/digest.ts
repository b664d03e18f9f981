import type { RenderedMail } from './account.js';
import { escapeHtml, layout, type MailLocale, textFooter } from './layout.js';

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
  notifications: Array<{ text: string; url: string }>;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

const COPY = {
  it: {
    subject: { daily: 'Il riepilogo di oggi', weekly: 'Il riepilogo della settimana' },
    hello: (n: string) => `Buongiorno ${n}, ecco cosa è successo nei tavoli che segui.`,
    newThread: 'nuova',
    posts: (n: number) => (n === 1 ? '1 nuovo messaggio' : `${n} nuovi messaggi`),
    questions: 'Domande in attesa di risposta',
    assigned: 'assegnata a te',
    documents: 'Documenti pubblicati',
    notifications: 'Le tue notifiche non lette',
    preferences: 'Cambia la frequenza del riepilogo',
  },
  en: {
    subject: { daily: 'Your daily summary', weekly: 'Your weekly summary' },
    hello: (n: string) => `Hello ${n}, here is what happened in the tables you follow.`,
    newThread: 'new',
    posts: (n: number) => (n === 1 ? '1 new post' : `${n} new posts`),
    questions: 'Questions waiting for an answer',
    assigned: 'assigned to you',
    documents: 'Published documents',
    notifications: 'Your unread notifications',
    preferences: 'Change how often you get this summary',
  },
};

const link = (url: string, text: string) => `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;

/** The digest: threads grouped by focus area and table, then questions, documents, notifications. */
export function renderDigestMail(locale: MailLocale, digest: DigestContent): RenderedMail {
  const c = COPY[locale];
  const subject = `Hub&Spoke – ${c.subject[digest.frequency]}`;
  const html: string[] = [
    `<h1 style="font-size:22px">${escapeHtml(c.subject[digest.frequency])}</h1>`,
    `<p>${escapeHtml(c.hello(digest.recipientName))}</p>`,
  ];
  const text: string[] = [c.subject[digest.frequency], '', c.hello(digest.recipientName)];
  const describe = (t: DigestThread) => `${t.isNew ? `${c.newThread} · ` : ''}${c.posts(t.newPosts)}`;
  for (const group of digest.groups) {
    html.push(`<h2 style="font-size:18px;color:#0066cc">${escapeHtml(group.focusAreaName)}</h2>`);
    text.push('', `== ${group.focusAreaName} ==`);
    for (const table of group.tables) {
      html.push(`<h3 style="font-size:16px">${escapeHtml(table.tableName)}</h3><ul>`);
      text.push(`-- ${table.tableName}`);
      for (const t of table.threads) {
        html.push(`<li>${link(t.url, t.title)} <span style="color:#5c6f82">(${escapeHtml(describe(t))})</span></li>`);
        text.push(`* ${t.title} (${describe(t)})`, `  ${t.url}`);
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
    c.questions,
    digest.questions.map((q) => {
      const note = `${q.tableName}${q.assignedToYou ? ` · ${c.assigned}` : ''}`;
      return {
        html: `${link(q.url, q.title)} <span style="color:#5c6f82">(${escapeHtml(note)})</span>`,
        text: `${q.title} (${note})\n  ${q.url}`,
      };
    }),
  );
  section(
    c.documents,
    digest.documents.map((d) => ({ html: link(d.url, d.title), text: `${d.title}\n  ${d.url}` })),
  );
  section(
    c.notifications,
    digest.notifications.map((n) => ({ html: link(n.url, n.text), text: `${n.text}\n  ${n.url}` })),
  );
  html.push(`<p style="font-size:13px">${link(digest.preferencesUrl, c.preferences)}</p>`);
  text.push('', `${c.preferences}: ${digest.preferencesUrl}`);
  return {
    subject,
    html: layout(locale, subject, html.join('\n'), digest.unsubscribeUrl),
    text: text.join('\n') + textFooter(locale, digest.unsubscribeUrl),
  };
}
