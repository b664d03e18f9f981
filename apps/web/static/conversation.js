// A private conversation's page: new messages appear at the end as they are written, and are
// announced to screen readers. The page works without this script; a reload shows the same.
// Protocol: /ws, "subscribe" to the conversation's room with the last event id seen, then "event" frames.
(() => {
  const section = document.querySelector('[data-conversation-id]');
  const start = Number(document.body.dataset.liveLastEvent);
  if (!section || !('WebSocket' in window) || !Number.isSafeInteger(start)) return;
  // An older page ends before the newest messages: nothing is added there.
  if (section.dataset.olderPage !== undefined) return;

  const OVERLAP = 50;
  const MAX_DELAY_MS = 30_000;
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

  let lastEventId = start;
  let retries = 0;

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

  function onMessage(frame) {
    if (frame.type === 'subscribed') retries = 0;
    if (frame.type !== 'event') return;
    lastEventId = Math.max(lastEventId, frame.id);
    if (frame.name === 'conversation.message' && frame.data?.conversationId === conversationId) append(frame.data);
  }

  function connect() {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    socket.addEventListener('open', () => {
      socket.send(
        JSON.stringify({
          type: 'subscribe',
          rooms: [`conversation:${conversationId}`],
          lastEventId: Math.max(0, lastEventId - OVERLAP),
        }),
      );
    });
    socket.addEventListener('message', (event) => {
      try {
        onMessage(JSON.parse(event.data));
      } catch {
        // A frame we do not understand changes nothing on the page.
      }
    });
    // Back off exponentially, with jitter; someone who left the conversation is refused the room.
    socket.addEventListener('close', () => {
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** retries) * (0.5 + Math.random() / 2);
      retries += 1;
      setTimeout(connect, delay);
    });
  }

  connect();
})();
