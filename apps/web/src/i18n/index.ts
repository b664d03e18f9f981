import type { Locale } from '@hubspoke/db';
import { en } from './en.js';
import { type Catalogue, it, type MessageKey } from './it.js';

export type { Catalogue, MessageKey };
export const LOCALES: readonly Locale[] = ['it', 'en'];
export const catalogues: Record<Locale, Catalogue> = { it, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const isLocale = (value: unknown): value is Locale => value === 'it' || value === 'en';
export const isMessageKey = (value: string): value is MessageKey => Object.hasOwn(it, value);

/** A `t()` bound to one language; `{name}` placeholders are filled from `params`. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, params) =>
    params
      ? catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
      : catalogue[key];
}
