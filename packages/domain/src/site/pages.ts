import { type Locale, type SitePageSlug, sitePageRepo, type UserRow } from '@hubspoke/db';
import { isAdmin } from '../permissions.js';
import { prepareAdminText } from '../shared/admin-text.js';
import type { Deps } from '../shared/deps.js';
import { forbidden, notFound } from '../shared/errors.js';

/** The footer's pages an admin words; the privacy notice is the consent of that name. */
export const SITE_PAGES = ['accessibilita', 'note-legali'] as const satisfies readonly SitePageSlug[];
export const isSitePage = (slug: string): slug is SitePageSlug => (SITE_PAGES as readonly string[]).includes(slug);

/** A footer page in the reader's language, or null while the admins have not written it. */
export async function getSitePage(deps: Pick<Deps, 'db'>, slug: string, locale: Locale) {
  if (!isSitePage(slug)) throw notFound('page');
  const page = await sitePageRepo.find(deps.db, slug);
  if (!page) return null;
  return { slug, html: locale === 'en' ? page.html_en : page.html_it, updatedAt: page.updated_at.toISOString() };
}

/** What an admin edits: both texts as written. */
export async function getSitePageSources(deps: Pick<Deps, 'db'>, actor: UserRow) {
  if (!isAdmin(actor)) throw forbidden('Only admins word the footer’s pages');
  const saved = await sitePageRepo.all(deps.db);
  return SITE_PAGES.map((slug) => {
    const page = saved.find((p) => p.slug === slug);
    return { slug, textIt: page?.text_it ?? '', textEn: page?.text_en ?? '', updatedAt: page?.updated_at ?? null };
  });
}

export async function saveSitePage(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: UserRow,
  slug: string,
  input: { textIt: string; textEn: string },
) {
  if (!isAdmin(actor)) throw forbidden('Only admins word the footer’s pages');
  if (!isSitePage(slug)) throw notFound('page');
  const it = prepareAdminText(deps, 'textIt', input.textIt);
  const en = prepareAdminText(deps, 'textEn', input.textEn);
  await sitePageRepo.save(deps.db, {
    slug,
    text_it: it.text,
    text_en: en.text,
    html_it: it.html,
    html_en: en.html,
    updated_by: actor.id,
    updated_at: deps.clock.now(),
  });
}
