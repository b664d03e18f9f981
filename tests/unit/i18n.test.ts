import { describe, expect, it } from 'vitest';
import { en } from '../../apps/web/src/i18n/en.js';
import { translator } from '../../apps/web/src/i18n/index.js';
import { it as italian } from '../../apps/web/src/i18n/it.js';
import { fromAcceptLanguage } from '../../apps/web/src/i18n/locale.js';
import { safeNext } from '../../apps/web/src/respond.js';
import { html, raw } from '../../apps/web/src/ui/html.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  it('have exactly the same keys in Italian and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(italian).sort());
  });

  it('use the same placeholders in both languages, and no empty message', () => {
    for (const [key, text] of Object.entries(italian)) {
      const english = en[key as keyof typeof en];
      expect(placeholders(english), key).toEqual(placeholders(text));
      expect(text.trim(), key).not.toBe('');
      expect(english.trim(), key).not.toBe('');
    }
  });

  it('fill placeholders and leave unknown ones visible', () => {
    const t = translator('it');
    expect(t('home.title', { name: 'Maria' })).toBe('Ciao, Maria');
    expect(t('home.title')).toBe('Ciao, {name}');
  });
});

describe('the language of a visitor', () => {
  it('is the first of their Accept-Language that we speak, by quality', () => {
    expect(fromAcceptLanguage('de-DE,de;q=0.9,en-US;q=0.8,it;q=0.7')).toBe('en');
    expect(fromAcceptLanguage('fr;q=0.9, it-IT;q=0.95')).toBe('it');
    expect(fromAcceptLanguage('en;q=0, fr')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });
});

describe('the html template', () => {
  it('escapes every interpolated value unless it is marked raw', () => {
    const name = '<img src=x onerror="alert(1)">&\'';
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;</p>',
    );
    expect(html`<div>${raw('<b>ok</b>')}</div>`.toString()).toBe('<div><b>ok</b></div>');
  });

  it('joins arrays, nests templates and renders nothing for null, undefined and false', () => {
    const items = ['a<', 'b'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe(
      '<ul><li>a&lt;</li><li>b</li></ul>0',
    );
  });
});

describe('the redirect after sign-in', () => {
  it('goes only to a path on this site', () => {
    expect(safeNext('/tavoli/3?x=1')).toBe('/tavoli/3?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/a\nb',
      42,
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});
