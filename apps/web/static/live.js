// Live updates for signed-in pages: new replies on a thread page, and the unread-notifications
// badge everywhere. The page works without this script; it only adds what arrives after loading.
// Protocol: /ws, "subscribe" with rooms and the last event id seen, then "event" frames.
(() => {
  const body = document.body;
  const start = Number(body.dataset.liveLastEvent);
  if (!('WebSocket' in window) || body.dataset.liveLastEvent === undefined || !Number.isSafeInteger(start)) return;

  // Event ids come from a sequence and can commit out of order: resume a little before the last
  // one seen and ignore what is already known (posts by number, notifications by id).
  const OVERLAP = 50;
  const MAX_DELAY_MS = 30_000;

  const thread = document.querySelector('[data-thread-id]');
  const bar = thread?.querySelector('[data-live-bar]');
  const threadId = thread ? Number(thread.dataset.threadId) : null;
  const pageSize = thread ? Number(thread.dataset.pageSize) || 20 : 20;
  const knownLastPost = thread ? Number(thread.dataset.lastPostNumber) || 0 : 0;
  const badge = document.querySelector('[data-unread-badge]');
  const badgeCount = badge?.querySelector('[data-unread-count]');

  let lastEventId = start;
  let retries = 0;
  let unread = Number(badgeCount?.textContent) || 0;
  const newestNotification = Number(body.dataset.liveNewestNotification) || 0;
  const countedNotifications = new Set();
  const newPosts = new Set();

  const pageHref = (number) => {
    const after = Math.floor((number - 1) / pageSize) * pageSize;
    return `/discussioni/${threadId}${after ? `?dopo=${after}` : ''}#post-${number}`;
  };

  // Links from mails name a post by anchor only; the server cannot see it, so find its page here.
  const anchored = /^#post-(\d+)$/.exec(location.hash);
  if (thread && anchored && !document.getElementById(`post-${anchored[1]}`)) {
    const number = Number(anchored[1]);
    const target = pageHref(number);
    if (number >= 1 && number <= knownLastPost && `${location.pathname}${location.search}${location.hash}` !== target) {
      location.replace(target);
      return;
    }
  }

  function showNewReplies() {
    if (!bar || newPosts.size === 0) return;
    const first = Math.min(...newPosts);
    const text =
      newPosts.size === 1 ? thread.dataset.liveOne : thread.dataset.liveMany.replace('{count}', String(newPosts.size));
    const link = document.createElement('a');
    link.href = pageHref(first);
    link.textContent = thread.dataset.liveShow;
    // Following the link reloads at the first new post, so the page and its read mark stay right.
    link.addEventListener('click', (event) => {
      event.preventDefault();
      location.assign(link.href);
      if (location.pathname + location.search === link.pathname + link.search) location.reload();
    });
    bar.replaceChildren(document.createTextNode(`${text} — `), link);
  }

  function onPost(post) {
    if (post.threadId !== threadId || post.number <= knownLastPost || newPosts.has(post.number)) return;
    newPosts.add(post.number);
    showNewReplies();
  }

  function onNotification(notification) {
    const id = notification.id;
    if (id <= newestNotification || countedNotifications.has(id) || notification.read) return;
    countedNotifications.add(id);
    unread += 1;
    if (badge && badgeCount) {
      badgeCount.textContent = String(unread);
      badge.hidden = false;
    }
  }

  function onMessage(message) {
    if (message.type === 'subscribed') retries = 0;
    if (message.type !== 'event') return;
    lastEventId = Math.max(lastEventId, message.id);
    if (message.name === 'post.created' && thread) onPost(message.data);
    if (message.name === 'notification.created') onNotification(message.data);
  }

  function connect() {
    const rooms = thread ? [`thread:${threadId}`, 'user:me'] : ['user:me'];
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', rooms, lastEventId: Math.max(0, lastEventId - OVERLAP) }));
    });
    socket.addEventListener('message', (event) => {
      try {
        onMessage(JSON.parse(event.data));
      } catch {
        // A frame we do not understand changes nothing on the page.
      }
    });
    // Back off exponentially, with jitter so a restarted server is not hit by everyone at once.
    socket.addEventListener('close', () => {
      const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** retries) * (0.5 + Math.random() / 2);
      retries += 1;
      setTimeout(connect, delay);
    });
  }

  connect();
})();
