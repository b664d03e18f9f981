import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage } from '../../apps/web/src/locale.js';
import { safeNext } from '../../apps/web/src/respond.js';
import { html, raw } from '../../apps/web/src/ui/html.js';
import { catalogues, describeNotification, translator } from '../../packages/i18n/src/index.js';

type Element = { type: number; value?: unknown; options?: Record<string, { value: Element[] }> };
/** The names a message takes, plural arguments included, read from its ICU syntax tree. */
function placeholders(text: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      if (typeof element.value === 'string' && element.type !== 0) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, 'it', undefined, { ignoreTag: true }).getAst() as Element[]);
  return [...names].sort();
}

const { it: italian, en } = catalogues;

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

  it('fill placeholders and show a message whose values are missing as written', () => {
    const t = translator('it');
    expect(t('home.title', { name: 'Maria' })).toBe('Ciao, Maria');
    expect(t('home.title')).toBe('Ciao, {name}');
  });

  it('say plurals in words, in each language', () => {
    const it = translator('it');
    const en = translator('en');
    expect([0, 1, 2].map((count) => it('threads.replies', { count }))).toEqual([
      '0 risposte',
      '1 risposta',
      '2 risposte',
    ]);
    expect([1, 3].map((count) => en('table.membersCount', { count }))).toEqual(['1 member', '3 members']);
    expect([0, 1, 5].map((count) => it('notifications.unread', { count }))).toEqual([
      'Hai letto tutte le notifiche.',
      'Hai 1 notifica da leggere.',
      'Hai 5 notifiche da leggere.',
    ]);
    // One of anything is singular: minutes to wait, hours a question waited, days a link lasts.
    expect([1, 15].map((minutes) => it('error.rate_limited', { minutes }))).toEqual([
      'Troppi tentativi. Riprova tra 1 minuto.',
      'Troppi tentativi. Riprova tra 15 minuti.',
    ]);
    expect([1, 30].map((hours) => it('tutoring.ageHours', { hours }))).toEqual(['1 ora', '30 ore']);
    expect(it('flash.invitationSent', { email: 'a@comune.example.it', days: 1 })).toContain('vale 1 giorno.');
    expect([1, 2].map((count) => it('home.activityMore', { count }))).toEqual([
      '1 messaggio in tutto',
      '2 messaggi in tutto',
    ]);
    expect(en('error.rate_limited', { minutes: 1 })).toBe('Too many attempts. Try again in 1 minute.');
  });

  it('tell a notification in one sentence wherever it is shown, with a plain one for kinds without words', () => {
    const t = translator('it');
    const words = { actor: 'Maria Rossi', title: 'Piano 2027' };
    expect(describeNotification(t, { ...words, kind: 'mention' })).toBe('Maria Rossi ti ha menzionato in «Piano 2027»');
    expect(describeNotification(t, { ...words, kind: 'document_status', detail: 'published' })).toBe(
      'Il documento «Piano 2027» è stato pubblicato',
    );
    expect(describeNotification(t, { ...words, kind: 'document_status', detail: 'unheard_of' })).toBe(
      'Aggiornamento sul documento «Piano 2027»',
    );
    expect(describeNotification(t, { ...words, kind: 'kind_of_tomorrow' })).toBe('Novità in «Piano 2027»');
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
