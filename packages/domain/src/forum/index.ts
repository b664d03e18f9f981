export { readableThread, type ThreadContext } from './access.js';
export { type ActivityDto, latestActivity } from './activity.js';
export { prepareBody, prepareTitle } from './content.js';
export { type DraftDto, type DraftTarget, discardDraft, getDraft, saveDraft } from './drafts.js';
export {
  type PostDto,
  PostSchema,
  postToDto,
  type ThreadDto,
  ThreadKindSchema,
  ThreadSchema,
  threadToDto,
  WatchLevelSchema,
} from './dto.js';
export { countOpenFlags, flagPost, listOpenFlags, resolveFlag } from './flags.js';
export { locatePost, readPost } from './locate.js';
export { deletePost, editPost, listRevisions, quotePost, reply, setLike, setPostHidden } from './posts.js';
export {
  listTablesWithUnread,
  markRead,
  noteActivity,
  ownWatchLevels,
  setBookmark,
  setFocusAreaSubscription,
  setTableSubscription,
  setThreadSubscription,
} from './reading.js';
export { highlight, plainSnippet, type SearchInput, searchPosts } from './search.js';
export {
  createThread,
  getThreadPage,
  type ListThreadsInput,
  listThreads,
  type NewThreadInput,
  updateThread,
} from './threads.js';
export {
  attachReferencedUploads,
  MAX_IMAGE_PIXELS,
  openPostUpload,
  type PostUploadDto,
  postUploadStorage,
  referencedUploadIds,
  removePostUploads,
  removeUnattachedUploads,
  uploadForPost,
  uploadHref,
} from './uploads.js';
