export const POSTS_PER_PAGE = 20;

/** The `dopo` value of the thread page that shows post `number` (pages hold 20 numbers each). */
export const pageAfter = (number: number) => Math.floor((number - 1) / POSTS_PER_PAGE) * POSTS_PER_PAGE;

/** The `dopo` of a thread page's address, when it is a post number. */
export const afterParam = (value: string | undefined) =>
  value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : undefined;

/** The address of the thread page holding the posts after number `after`. */
export const threadPageHref = (threadId: number, after: number) =>
  `/discussioni/${threadId}${after ? `?dopo=${after}` : ''}`;

/** The thread page address that shows a post, anchored on it. */
export const postHref = (threadId: number, number: number) =>
  `${threadPageHref(threadId, pageAfter(number))}#post-${number}`;
