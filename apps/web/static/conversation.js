// A private conversation's page: new messages appear at the end as they are written, and are
// announced to screen readers. The page works without this script; a reload shows the same.
// The events come through live.js, which subscribes to the room this page names.
(() => {
  const section = document.querySelector('[data-conversation-id]');
  if (!section) return;
  // An older page ends before the newest messages: nothing is added there.
  if (section.dataset.olderPage !== undefined) return;

  const conversationId = Number(section.dataset.conversationId);
  const list = section.querySelector('[data-conversation-messages]');
  const announce = section.querySelector('[data-live-announce]');
  const shownUpTo = Number(section.dataset.newestMessage) || 0;
  // In the reader's own time zone, as the server writes the times already on the page.
  const format = (zone) =>
    new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(zone ? { timeZone: zone } : {}),
    });
  let times;
  try {
    times = format(section.dataset.timeZone);
  } catch {
    times = format();
  }

  // The same markup as the server's, built with text nodes; only the body is markup, and that
  // body was rendered and sanitized by the server when the message was written.
  function append(message) {
    const id = Number(message.id);
    if (!Number.isSafeInteger(id) || id <= shownUpTo || document.getElementById(`m-${id}`)) return;
    const item = document.createElement('li');
    const article = document.createElement('article');
    article.id = `m-${id}`;
    article.className = 'conversation-message post post-new';
    article.dataset.messageId = String(id);
    article.setAttribute('aria-labelledby', `m-${id}-author`);
    const header = document.createElement('header');
    header.className = 'post-header';
    const author = document.createElement('h3');
    author.className = 'h6 mb-0 post-author';
    author.id = `m-${id}-author`;
    author.textContent = String(message.authorName ?? '');
    const when = document.createElement('p');
    when.className = 'small text-secondary mb-0';
    const time = document.createElement('time');
    time.dateTime = String(message.createdAt ?? '');
    const date = new Date(message.createdAt);
    time.textContent = Number.isNaN(date.getTime()) ? '' : times.format(date);
    when.append(time);
    header.append(author, when);
    // A <template> parses the markup without running or loading anything in it.
    const template = document.createElement('template');
    template.innerHTML = String(message.bodyHtml ?? '');
    const body = document.createElement('div');
    body.className = 'post-body';
    body.append(template.content);
    article.append(header, body);
    item.append(article);
    // Kept in id order, whichever order events arrive in.
    const later = [...list.querySelectorAll('[data-message-id]')].find((a) => Number(a.dataset.messageId) > id);
    if (later) later.closest('li').before(item);
    else list.append(item);
    if (announce) announce.textContent = section.dataset.liveNew.replace('{name}', author.textContent);
  }

  // live.js holds the page's socket and subscribes to the room named by data-live-room.
  document.addEventListener('live:event', (event) => {
    const frame = event.detail;
    if (frame?.name === 'conversation.message' && frame.data?.conversationId === conversationId) append(frame.data);
  });
})();
