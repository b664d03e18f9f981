import type { Insertable } from 'kysely';
import type { Executor } from '../../connection.js';
import type { SitePageRow, SitePageSlug, SitePagesTable } from '../../schema.js';

export function find(db: Executor, slug: SitePageSlug): Promise<SitePageRow | undefined> {
  return db.selectFrom('site_pages').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function all(db: Executor): Promise<SitePageRow[]> {
  return db.selectFrom('site_pages').selectAll().orderBy('slug').execute();
}

export function save(db: Executor, page: Insertable<SitePagesTable>): Promise<SitePageRow> {
  return db
    .insertInto('site_pages')
    .values(page)
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet({
        text_it: page.text_it,
        text_en: page.text_en,
        html_it: page.html_it,
        html_en: page.html_en,
        updated_by: page.updated_by ?? null,
        updated_at: page.updated_at ?? new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
