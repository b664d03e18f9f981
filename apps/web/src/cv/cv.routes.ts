import {
  AppError,
  type CvDeps,
  CvInvalidError,
  createLocalDiskStorage,
  getMyCv,
  removeCvFile,
  saveCv,
  setCvFile,
} from '@hubspoke/domain';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { type PageContext, pageContext } from '../context.js';
import { setFlash } from '../flash.js';
import { currentUser, readForm, seeOther, sendPage } from '../respond.js';
import type { WebOptions } from '../web-options.js';
import { sizeLabel } from './cv.view.js';
import { type CvEditorView, cvEditorPage, type FieldErrors } from './cv-editor.page.js';
import { type CvDraft, draftOf, inputOf, issueToField, readDraft, withMoreRows } from './cv-form.js';
import { loadVocabularies } from './vocabularies.js';

const FILE_ERRORS = ['file_required', 'unsupported_media_type', 'payload_too_large', 'empty_file'] as const;
type FileErrorCode = (typeof FILE_ERRORS)[number];
const isFileError = (code: string): code is FileErrorCode => (FILE_ERRORS as readonly string[]).includes(code);

function fileErrorMessage(ctx: PageContext, error: unknown, maxBytes: number): string {
  if (!(error instanceof AppError) || error.status >= 500) throw error;
  if (!isFileError(error.code)) return ctx.t('cv.fileError.other');
  return ctx.t(`cv.fileError.${error.code}`, { size: sizeLabel(ctx, maxBytes) });
}

/** The CV editor on the profile: the CV's form, its file's upload and removal. */
const cvRoutes: FastifyPluginAsync<WebOptions> = async (app, { deps, uploads }) => {
  const { config } = deps;
  const cvDeps: CvDeps = { ...deps, storage: createLocalDiskStorage(config.uploads.dir) };
  const maxBytes = config.uploads.maxBytes;
  const secure = config.secureCookies;
  await uploads.register(app);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { draft?: CvDraft; errors?: FieldErrors; fileError?: string; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply, config);
    const [me, vocabularies] = await Promise.all([
      getMyCv(deps, currentUser(request)),
      loadVocabularies(deps, ctx.locale),
    ]);
    const view: CvEditorView = {
      draft: o.draft ?? draftOf(me.cv),
      me,
      vocabularies,
      errors: o.errors ?? new Map(),
      maxBytes,
      fileError: o.fileError,
    };
    return sendPage(reply, ctx, ctx.t('cv.title'), cvEditorPage(ctx, view), o.status);
  }

  app.get('/profilo/cv', (request, reply) => render(request, reply));

  app.post('/profilo/cv', async (request, reply) => {
    const form = readForm(request.body);
    const draft = readDraft(form, (request.body ?? {}) as Record<string, unknown>);
    if (form.text('azione') === 'righe') return render(request, reply, { draft: withMoreRows(draft) });
    const { input, rows } = inputOf(draft);
    try {
      await saveCv(deps, currentUser(request), input);
    } catch (error) {
      if (!(error instanceof CvInvalidError)) throw error;
      const ctx = pageContext(request, reply, config);
      const errors = new Map<string, string>();
      for (const issue of error.issues) {
        const path = issueToField(issue, rows);
        if (!errors.has(path)) errors.set(path, ctx.t(`cv.error.${issue.code}`, { limit: String(issue.limit ?? '') }));
      }
      return render(request, reply, { draft, errors, status: 400 });
    }
    setFlash(reply, { key: 'flash.cvSaved' }, secure);
    return seeOther(reply, '/profilo/cv');
  });

  app.post('/profilo/cv/file', async (request, reply) => {
    const ctx = pageContext(request, reply, config);
    try {
      const { upload } = await uploads.read(request);
      // A browser sends an empty, nameless file part when none was chosen.
      if (!upload.filename) throw new AppError(400, 'file_required', 'Choose a file');
      await setCvFile(cvDeps, currentUser(request), upload);
    } catch (error) {
      const fileError = fileErrorMessage(ctx, error, maxBytes);
      return render(request, reply, { fileError, status: error instanceof AppError ? error.status : 400 });
    }
    setFlash(reply, { key: 'flash.cvFileSaved' }, secure);
    return seeOther(reply, '/profilo/cv#cv-file-title');
  });

  app.post('/profilo/cv/file/elimina', async (request, reply) => {
    try {
      await removeCvFile(deps, currentUser(request));
    } catch (error) {
      // Nothing to remove (a second click, another tab): the page shows there is no file.
      if (!(error instanceof AppError && error.status === 404)) throw error;
    }
    setFlash(reply, { key: 'flash.cvFileDeleted' }, secure);
    return seeOther(reply, '/profilo/cv#cv-file-title');
  });
};

export default cvRoutes;
