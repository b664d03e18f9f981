import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../support/context.js';
import { type FilePart, filesUnder, multipart, SAMPLES, uploadFolder, zip } from '../support/documents.js';
import { newReply, newTable, newThread, signedIn } from '../support/factories.js';

/**
 * Pictures and files in posts, on a real upload folder: what the bytes may be, what is kept of a
 * picture, who may see it, and what is left once its post is deleted.
 */
let ctx: TestContext;
let folder: Awaited<ReturnType<typeof uploadFolder>>;
type Person = { user: { id: number }; session: Session };
let author: Person;
let member: Person;
let outsider: Person;
let moderator: Person;
let labId: number;

beforeAll(async () => {
  folder = await uploadFolder();
  ctx = await createTestContext({ UPLOAD_DIR: folder.dir, POST_MAX_PER_WINDOW: '100000' });
  [author, member, outsider, moderator] = await Promise.all([
    signedIn(ctx),
    signedIn(ctx),
    signedIn(ctx),
    signedIn(ctx, { role: 'moderator' }),
  ]);
  labId = (await newTable(ctx, { kind: 'lab', members: [author.user, member.user, moderator.user] })).id;
});
afterAll(async () => {
  await ctx.close();
  await folder.remove();
});

interface UploadDto {
  id: number;
  kind: 'image' | 'file';
  name: string;
  size: number;
  mediaType: string;
  markdown: string;
}

const upload = async (file: FilePart, as = author.session, tableId = labId) =>
  ctx.request({ method: 'POST', url: '/api/uploads', as, ...(await multipart({ tableId: String(tableId) }, file)) });

const uploaded = async (file: FilePart, as = author.session) => {
  const response = await upload(file, as);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { upload: UploadDto }).upload;
};

const get = (url: string, as: Session) => ctx.request({ method: 'GET', url, as });

const storedPath = async (id: number, column: 'storage_key' | 'thumb_storage_key' = 'storage_key') => {
  const row = await ctx.db.selectFrom('post_uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const key = row[column];
  if (!key) throw new Error(`upload ${id} has no ${column}`);
  return join(folder.dir, 'posts', 'sha256', key.slice(0, 2), key);
};

/** A 1200×900 photo with EXIF carrying a GPS position, the kind a phone writes. */
async function photoWithGps(format: 'png' | 'jpeg' = 'png') {
  const base = sharp({ create: { width: 1200, height: 900, channels: 3, background: '#3a7bd5' } }).withExif({
    IFD0: { Make: 'Telefono', Model: 'Segreto 1' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 53/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '12/1 29/1 0/1' },
  });
  return format === 'png' ? base.png().toBuffer() : base.jpeg().toBuffer();
}

describe('pictures', () => {
  it('keeps a picture without its metadata, with a thumbnail, shown in the post linked to the original', async () => {
    const bytes = await photoWithGps();
    expect((await sharp(bytes).metadata()).exif).toBeDefined();
    const picture = await uploaded({ name: 'sopralluogo.png', bytes });
    expect(picture).toMatchObject({
      kind: 'image',
      name: 'sopralluogo.png',
      mediaType: 'image/png',
      markdown: `![sopralluogo.png](/allegati/${picture.id})`,
    });

    const original = await get(`/allegati/${picture.id}`, author.session);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.headers['content-disposition']).toMatch(/^inline; filename="sopralluogo.png"/);
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    const kept = await sharp(original.rawPayload).metadata();
    expect(kept.exif).toBeUndefined();
    expect(kept.xmp).toBeUndefined();
    expect([kept.width, kept.height]).toEqual([1200, 900]);
    expect(original.rawPayload.includes(Buffer.from('Segreto'))).toBe(false);

    const thumbnail = await get(`/allegati/${picture.id}/anteprima`, author.session);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    const thumb = await sharp(thumbnail.rawPayload).metadata();
    expect([thumb.format, thumb.width, thumb.height, thumb.exif]).toEqual(['webp', 800, 600, undefined]);
    expect(existsSync(await storedPath(picture.id, 'thumb_storage_key'))).toBe(true);

    const { thread, post } = await newThread(ctx, author.session, {
      tableId: labId,
      body: `Il sopralluogo:\n\n${picture.markdown}`,
    });
    const page = await get(`/discussioni/${thread.id}`, member.session);
    expect(page.body).toContain(
      `<a href="/allegati/${picture.id}" rel="nofollow ugc noopener"><img src="/allegati/${picture.id}/anteprima" alt="sopralluogo.png" loading="lazy" /></a>`,
    );
    const row = await ctx.db.selectFrom('post_uploads').selectAll().where('id', '=', picture.id).executeTakeFirst();
    expect(row?.post_id).toBe(post.id);
  });

  it('applies the orientation and strips EXIF from a JPEG too', async () => {
    const rotated = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#222' } })
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 0/1 0/1' } })
      .jpeg()
      .toBuffer();
    const picture = await uploaded({ name: 'foto.jpg', bytes: rotated });
    const kept = await sharp((await get(`/allegati/${picture.id}`, author.session)).rawPayload).metadata();
    expect([kept.format, kept.width, kept.height, kept.exif, kept.orientation]).toEqual([
      'jpeg',
      200,
      400,
      undefined,
      undefined,
    ]);
  });

  it.each([
    ['an HTML page renamed .png', { name: 'foto.png', bytes: '<!doctype html><script>alert(1)</script>' }],
    [
      'an SVG with a script',
      {
        name: 'logo.svg',
        bytes: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
        type: 'image/svg+xml',
      },
    ],
    [
      'an XML-declared SVG',
      { name: 'logo.png', bytes: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' },
    ],
    [
      'a GIF header followed by HTML and script (polyglot)',
      { name: 'x.gif', bytes: Buffer.concat([Buffer.from('GIF89a'), Buffer.from('<html><script>alert(1)</script>')]) },
    ],
    [
      'a WebP header with nothing valid after it',
      { name: 'x.webp', bytes: Buffer.from('RIFF\x10\0\0\0WEBPVP8 junkjunk') },
    ],
  ])('refuses %s with 415, keeping nothing', async (_label, file) => {
    const before = await filesUnder(folder.dir);
    const response = await upload(file);
    expect(response.statusCode, response.body).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    expect(await filesUnder(folder.dir)).toEqual(before);
  });

  it('strips what is glued after a picture (a PNG with a ZIP appended keeps only the picture)', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0f0' } })
      .png()
      .toBuffer();
    const glued = Buffer.concat([png, zip([['payload.html', '<script>alert(1)</script>']])]);
    const picture = await uploaded({ name: 'innocua.png', bytes: glued });
    const kept = (await get(`/allegati/${picture.id}`, author.session)).rawPayload;
    expect(kept.includes(Buffer.from('PK\x03\x04'))).toBe(false);
    expect(kept.includes(Buffer.from('payload.html'))).toBe(false);
    expect((await sharp(kept).metadata()).format).toBe('png');
  });

  it('keeps the first frame of an animated GIF', async () => {
    const frame = (background: string) =>
      sharp({ create: { width: 10, height: 10, channels: 3, background } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame('#f00'), await frame('#0f0'), await frame('#00f')], {
      join: { animated: true },
    })
      .gif({ loop: 0 })
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const picture = await uploaded({ name: 'animata.gif', bytes: animated });
    const kept = await sharp((await get(`/allegati/${picture.id}`, author.session)).rawPayload).metadata();
    expect([kept.format, kept.width, kept.height, kept.pages ?? 1]).toEqual(['gif', 10, 10, 1]);
  });

  it('refuses a 50-megapixel picture from its header, quickly and without decoding it', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6500, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1_000_000);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const response = await upload({ name: 'bomba.png', bytes: bomb });
    const elapsed = performance.now() - started;
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json().error.code).toBe('image_too_large');
    expect(elapsed).toBeLessThan(2_000);
    // Decoding it would take 156 MB for the pixels alone.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('files', () => {
  it('keeps a PDF as an attachment with the download headers', async () => {
    const file = await uploaded({ name: 'verbale.pdf', bytes: SAMPLES.pdf() });
    expect(file).toMatchObject({
      kind: 'file',
      mediaType: 'application/pdf',
      markdown: `[verbale.pdf](/allegati/${file.id})`,
    });
    const response = await get(`/allegati/${file.id}`, author.session);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="verbale.pdf"; filename*=UTF-8''verbale.pdf`,
    );
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.rawPayload.equals(Buffer.from(SAMPLES.pdf()))).toBe(true);
    expect((await get(`/allegati/${file.id}/anteprima`, author.session)).statusCode).toBe(404);
  });

  it('refuses uploads for a table the uploader may not write in', async () => {
    expect((await upload({ name: 'a.pdf', bytes: SAMPLES.pdf() }, outsider.session)).statusCode).toBe(404);
    const open = await newTable(ctx, { kind: 'regional' });
    expect((await upload({ name: 'a.pdf', bytes: SAMPLES.pdf() }, outsider.session, open.id)).statusCode).toBe(403);
  });
});

describe('who sees an upload', () => {
  it('shows a private lab picture to its members only; everyone else gets 404, thumbnail included', async () => {
    const picture = await uploaded({ name: 'lab.png', bytes: await photoWithGps() });
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    await newReply(ctx, author.session, thread.id, `Ecco: ${picture.markdown}`);
    for (const url of [`/allegati/${picture.id}`, `/allegati/${picture.id}/anteprima`]) {
      expect((await get(url, member.session)).statusCode).toBe(200);
      const refused = await get(url, outsider.session);
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toMatch(/^text\/html/);
    }
    expect((await get(`/allegati/${picture.id}`, { cookie: '' })).statusCode).not.toBe(200);
  });

  it('shows an unattached upload to its uploader only', async () => {
    const picture = await uploaded({ name: 'bozza.png', bytes: await photoWithGps() });
    expect((await get(`/allegati/${picture.id}`, author.session)).statusCode).toBe(200);
    expect((await get(`/allegati/${picture.id}`, member.session)).statusCode).toBe(404);
    expect((await get(`/allegati/${picture.id}/anteprima`, member.session)).statusCode).toBe(404);
  });

  it("does not let another member's post take someone else's upload", async () => {
    const picture = await uploaded({ name: 'mia.png', bytes: await photoWithGps() });
    const { thread } = await newThread(ctx, member.session, { tableId: labId, body: `Presa: ${picture.markdown}` });
    expect(thread.id).toBeGreaterThan(0);
    const row = await ctx.db.selectFrom('post_uploads').selectAll().where('id', '=', picture.id).executeTakeFirst();
    expect(row?.post_id).toBeNull();
    expect((await get(`/allegati/${picture.id}`, member.session)).statusCode).toBe(404);
  });

  it('attaches an upload added when the post is edited', async () => {
    const { post } = await newThread(ctx, author.session, { tableId: labId });
    const file = await uploaded({ name: 'aggiunta.pdf', bytes: SAMPLES.pdf() });
    const edited = await ctx.request({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      as: author.session,
      payload: { body: `Con l'allegato ${file.markdown}` },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await get(`/allegati/${file.id}`, member.session)).statusCode).toBe(200);
  });
});

describe('a deleted post', () => {
  it("takes its uploads with it: rows, the picture's file and its thumbnail", async () => {
    const bytes = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#c0ffee' } })
      .png()
      .toBuffer();
    const picture = await uploaded({ name: 'da-cancellare.png', bytes });
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    const post = await newReply(ctx, author.session, thread.id, picture.markdown);
    const files = [await storedPath(picture.id), await storedPath(picture.id, 'thumb_storage_key')];
    expect(files.every((f) => existsSync(f))).toBe(true);

    const deleted = await ctx.request({ method: 'DELETE', url: `/api/posts/${post.id}`, as: moderator.session });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await get(`/allegati/${picture.id}`, author.session)).statusCode).toBe(404);
    expect((await get(`/allegati/${picture.id}/anteprima`, moderator.session)).statusCode).toBe(404);
    expect(files.some((f) => existsSync(f))).toBe(false);
  });
});

describe('the composer without JavaScript', () => {
  it('uploads from the reply form and gives the page back with the Markdown added to the text', async () => {
    const { thread } = await newThread(ctx, author.session, { tableId: labId });
    const form = await multipart(
      { after: '', replyTo: '', body: 'Guardate questa' },
      { name: 'piazza.png', bytes: await photoWithGps(), type: 'image/png' },
    );
    const response = await ctx.request({
      method: 'POST',
      url: `/discussioni/${thread.id}/allegati`,
      as: author.session,
      ...form,
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const row = await ctx.db
      .selectFrom('post_uploads')
      .selectAll()
      .where('uploader_id', '=', author.user.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(response.body).toContain(`Guardate questa\n\n![piazza.png](/allegati/${row.id})\n</textarea>`);

    const refused = await ctx.request({
      method: 'POST',
      url: `/discussioni/${thread.id}/allegati`,
      as: author.session,
      ...(await multipart({ after: '', replyTo: '', body: 'Testo' }, { name: 'x.png', bytes: '<html>' })),
    });
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('Testo</textarea>');
  });

  it('uploads while editing a post, which takes the file when saved; the edit form keeps no drafts', async () => {
    const { post } = await newThread(ctx, author.session, { tableId: labId, body: 'Prima stesura' });
    const form = await ctx.request({ method: 'GET', url: `/messaggi/${post.id}/modifica`, as: author.session });
    expect(form.body).toContain(`formaction="/messaggi/${post.id}/allegati"`);
    expect(form.body).not.toContain('value="draft"');
    const response = await ctx.request({
      method: 'POST',
      url: `/messaggi/${post.id}/allegati`,
      as: author.session,
      ...(await multipart({ body: 'Seconda stesura' }, { name: 'verbale.pdf', bytes: SAMPLES.pdf() })),
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const markdown = /(\[verbale\.pdf\]\(\/allegati\/(\d+)\))/.exec(response.body);
    expect(markdown).not.toBeNull();
    const saved = await ctx.request({
      method: 'PATCH',
      url: `/api/posts/${post.id}`,
      as: author.session,
      payload: { body: `Seconda stesura\n\n${markdown?.[1]}` },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const row = await ctx.db
      .selectFrom('post_uploads')
      .select('post_id')
      .where('id', '=', Number(markdown?.[2]))
      .executeTakeFirstOrThrow();
    expect(row.post_id).toBe(post.id);
    const foreign = await ctx.request({
      method: 'POST',
      url: `/messaggi/${post.id}/allegati`,
      as: outsider.session,
      ...(await multipart({ body: 'x' }, { name: 'verbale.pdf', bytes: SAMPLES.pdf() })),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('uploads from the new-thread form for the table chosen, keeping the title and text', async () => {
    const fields = { tableId: String(labId), focusArea: 'cultura', kind: 'discussion', title: 'Foto della piazza' };
    const response = await ctx.request({
      method: 'POST',
      url: '/discussioni/nuova/allegati',
      as: author.session,
      ...(await multipart({ ...fields, body: 'Il sopralluogo' }, { name: 'nuova.pdf', bytes: SAMPLES.pdf() })),
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.body).toContain('value="Foto della piazza"');
    expect(response.body).toMatch(/Il sopralluogo\n\n\[nuova\.pdf\]\(\/allegati\/\d+\)\n<\/textarea>/);
    const noTable = await ctx.request({
      method: 'POST',
      url: '/discussioni/nuova/allegati',
      as: author.session,
      ...(await multipart({ ...fields, tableId: '', body: 'x' }, { name: 'nuova.pdf', bytes: SAMPLES.pdf() })),
    });
    expect(noTable.statusCode).toBe(400);
    expect(noTable.body).toContain('Scegli il tavolo prima di allegare');
    const outside = await ctx.request({
      method: 'POST',
      url: '/discussioni/nuova/allegati',
      as: outsider.session,
      ...(await multipart({ ...fields, body: 'x' }, { name: 'nuova.pdf', bytes: SAMPLES.pdf() })),
    });
    expect(outside.statusCode).toBe(404);
  });
});

describe('unattached uploads', () => {
  it('are removed after a day with their files', async () => {
    const { removeUnattachedUploads } = await import('@hubspoke/domain');
    const file = await uploaded({ name: 'dimenticato.pdf', bytes: Buffer.from('%PDF-1.7\nsolo questo\n') });
    const path = await storedPath(file.id);
    const clock = { now: () => new Date(Date.now() + 25 * 60 * 60 * 1000) };
    expect(await removeUnattachedUploads({ db: ctx.db, config: ctx.config, clock })).toBeGreaterThanOrEqual(1);
    expect(existsSync(path)).toBe(false);
    expect((await get(`/allegati/${file.id}`, author.session)).statusCode).toBe(404);
  });

  it('are limited to sixty an hour per person, then answer 429 with Retry-After', async () => {
    const busy = await signedIn(ctx);
    const table = await newTable(ctx, { kind: 'regional', members: [busy.user] });
    const send = () => upload({ name: 'nota.pdf', bytes: SAMPLES.pdf() }, busy.session, table.id);
    for (let i = 0; i < 60; i++) expect((await send()).statusCode).toBe(201);
    const refused = await send();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Someone else is not held back by it.
    expect((await upload({ name: 'mia.pdf', bytes: SAMPLES.pdf() }, member.session)).statusCode).toBe(201);
  });

  it('go with an erased person who asked for their posts to go: bytes included, at once', async () => {
    const leaving = await signedIn(ctx);
    const admin = await signedIn(ctx, { role: 'admin' });
    const table = await newTable(ctx, { kind: 'regional', members: [leaving.user] });
    // Pictures of their own: identical bytes shared with others' uploads would rightly stay.
    let shade = 10;
    const send = async () => {
      const bytes = await sharp({
        create: { width: 40, height: 30, channels: 3, background: { r: shade++, g: 90, b: 160 } },
      })
        .png()
        .toBuffer();
      const response = await upload({ name: 'foto.png', bytes }, leaving.session, table.id);
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { upload: UploadDto }).upload;
    };
    const posted = await send();
    const waiting = await send();
    const other = await uploaded({ name: 'altro.pdf', bytes: SAMPLES.pdf() });
    await newThread(ctx, leaving.session, { tableId: table.id, title: 'Foto del sopralluogo', body: posted.markdown });
    const paths = [
      await storedPath(posted.id),
      await storedPath(posted.id, 'thumb_storage_key'),
      await storedPath(waiting.id),
    ];
    expect(paths.every(existsSync)).toBe(true);
    const erased = await ctx.request({
      method: 'DELETE',
      url: `/api/admin/users/${leaving.user.id}?deletePosts=true`,
      as: admin.session,
    });
    expect(erased.statusCode, erased.body).toBe(202);
    expect(paths.some(existsSync)).toBe(false);
    const left = await ctx.db
      .selectFrom('post_uploads')
      .select('id')
      .where('uploader_id', '=', leaving.user.id)
      .execute();
    expect(left).toEqual([]);
    expect(existsSync(await storedPath(other.id))).toBe(true);
  });
});
