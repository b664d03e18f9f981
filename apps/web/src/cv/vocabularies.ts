import { type Deps, listDimensions, listFocusAreas } from '@hubspoke/domain';
import type { Locale } from '@hubspoke/i18n';
import type { Vocabularies } from './cv.view.js';

/** The programme's dimensions and focus areas, named in the reader's language, in their order. */
export async function loadVocabularies(deps: Pick<Deps, 'db'>, locale: Locale): Promise<Vocabularies> {
  const [dimensions, focusAreas] = await Promise.all([listDimensions(deps), listFocusAreas(deps)]);
  const name = (row: { name_it: string; name_en: string }) => (locale === 'en' ? row.name_en : row.name_it);
  return {
    dimensions: new Map(dimensions.map((d) => [d.slug, name(d)])),
    focusAreas: new Map(focusAreas.map((f) => [f.slug, name(f)])),
  };
}
