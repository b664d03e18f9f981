// Live updates for signed-in pages: new replies on a thread page, edited and deleted posts brought
// up to date in place, and the unread-notifications badge everywhere. The page works without this
// script; it only adds what arrives after loading.
// Protocol: /ws, "subscribe" with rooms and the last event id seen, then "event" frames.
// Other scripts of a page ask for more rooms with `data-live-room` on an element, and hear every
// event as a `live:event` DOM event on the document: one socket per page.
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
  const pageAfter = thread ? Number(thread.dataset.pageAfter) || 0 : 0;
  const changes = thread?.querySelector('[data-live-changes]');
  const badge = document.querySelector('[data-unread-badge]');
  const badgeCount = badge?.querySelector('[data-unread-count]');

  let lastEventId = start;
  let retries = 0;
  let unread = Number(badgeCount?.textContent) || 0;
  const newestNotification = Number(body.dataset.liveNewestNotification) || 0;
  const countedNotifications = new Set();
  const newPosts = new Set();
  // Posts being fetched again, by id; "again" when another change arrived meanwhile.
  const refreshing = new Map();

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

  const liveState = (post) => (post.deleted ? 'deleted' : post.hidden ? 'hidden' : 'shown');

  // Whether the post on the page is older than the event: replayed events it already shows change nothing.
  function isOutOfDate(article, post) {
    if (article.dataset.postState === 'deleted') return false;
    return liveState(post) !== article.dataset.postState || (post.editedAt ?? '') > article.dataset.editedAt;
  }

  // Puts the server's rendering of a post in place of the one shown. Someone using the post's own
  // controls (writing a report, say) keeps them until they leave the post.
  function place(number, markup) {
    const current = document.getElementById(`post-${number}`);
    if (!current) return;
    if (current.contains(document.activeElement)) {
      current.addEventListener('focusout', function leave(event) {
        if (current.contains(event.relatedTarget)) return;
        current.removeEventListener('focusout', leave);
        place(number, markup);
      });
      return;
    }
    // A <template> parses the markup without running or loading anything in it.
    const template = document.createElement('template');
    template.innerHTML = markup;
    const fresh = template.content.firstElementChild;
    if (fresh?.tagName !== 'ARTICLE' || fresh.id !== current.id) return;
    fresh.classList.toggle('post-new', current.classList.contains('post-new'));
    fresh.classList.add('post-refreshed');
    current.replaceWith(fresh);
    // The accepted answer is repeated under the question: its copy follows the post.
    const copy = document.querySelector(`[data-accepted-answer="${number}"]`);
    const oldBody = copy?.querySelector('.post-body');
    const newBody = fresh.querySelector('.post-body')?.cloneNode(true);
    if (oldBody && newBody) oldBody.replaceWith(newBody);
    else if (oldBody) oldBody.remove();
    else if (copy && newBody) copy.append(newBody);
  }

  // The event says what changed, not how this reader sees it (hidden posts, their own actions): the
  // post is fetched as the server renders it for the page, body sanitized, never built from the event.
  async function refresh(post) {
    if (refreshing.has(post.id)) {
      refreshing.set(post.id, 'again');
      return;
    }
    refreshing.set(post.id, 'busy');
    try {
      const response = await fetch(`/messaggi/${post.id}/frammento?dopo=${pageAfter}`, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      });
      if (!response.ok) return;
      place(post.number, await response.text());
      if (changes) {
        const text = post.deleted ? thread.dataset.liveDeleted : thread.dataset.liveChanged;
        changes.textContent = text.replace('{number}', String(post.number));
      }
    } catch {
      // The post keeps what it showed; a reload brings it up to date.
    } finally {
      const again = refreshing.get(post.id) === 'again';
      refreshing.delete(post.id);
      if (again) refresh(post);
    }
  }

  function onPostChanged(post) {
    if (post.threadId !== threadId) return;
    const article = document.getElementById(`post-${post.number}`);
    if (!article || article.dataset.postId !== String(post.id)) return;
    // A like changes only the count: it is written in place, the rest of the post is untouched.
    const likes = article.querySelector('[data-like-count]');
    if (likes && typeof post.reactions?.like === 'number') likes.textContent = String(post.reactions.like);
    if (isOutOfDate(article, post)) refresh(post);
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
    if ((message.name === 'post.updated' || message.name === 'post.deleted') && thread) onPostChanged(message.data);
    if (message.name === 'notification.created') onNotification(message.data);
    document.dispatchEvent(new CustomEvent('live:event', { detail: message }));
  }

  function connect() {
    const asked = [...document.querySelectorAll('[data-live-room]')].map((e) => e.dataset.liveRoom);
    const rooms = [...(thread ? [`thread:${threadId}`] : []), 'user:me', ...asked];
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
