import { plainSnippet } from '@hubspoke/domain';
import { describe, expect, it } from 'vitest';

describe('search snippets', () => {
  it('read as plain text: no emphasis, quote, heading, list, code or link syntax', () => {
    expect(plainSnippet('Il **piano** _strategico_ di `Bari`')).toBe('Il piano strategico di Bari');
    expect(plainSnippet('> @giulia ha scritto:\n> il bando scade')).toBe('@giulia ha scritto: il bando scade');
    expect(plainSnippet('## Budget\n- voce uno\n1. voce due')).toBe('Budget voce uno voce due');
    expect(plainSnippet('Vedi [il modello](https://example.it/m.pdf) e ![logo](/x.png)')).toBe(
      'Vedi il modello e logo',
    );
    expect(plainSnippet('snake_case e 2*3*4 restano')).toBe('snake_case e 2*3*4 restano');
  });

  it('keep the match markers where the match is', () => {
    expect(plainSnippet('il **\u0002piano\u0003** di Bari')).toBe('il \u0002piano\u0003 di Bari');
  });
});
