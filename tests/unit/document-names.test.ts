import { contentDisposition, MEDIA_TYPES, safeFilename } from '@hubspoke/domain';
import { describe, expect, it } from 'vitest';

describe('document file names', () => {
  it('drops CR, LF and other controls that multipart parsers might let through', () => {
    expect(safeFilename('rapporto\r\nSet-Cookie: x=1\u0000.pdf', MEDIA_TYPES.pdf)).toBe('rapporto Set-Cookie_ x=1.pdf');
  });

  it('always yields a header value of printable ASCII with a well-quoted fallback, whatever comes in', () => {
    const alphabet = ['a', 'è', '東', '"', '\\', '/', '\r', '\n', '\u0000', '\u202e', ';', '%', ' ', '.', "'", '😀'];
    for (let i = 0; i < 2000; i++) {
      const length = 1 + ((i * 7) % 40);
      const raw = Array.from({ length }, (_, j) => alphabet[(i * 31 + j * 17) % alphabet.length]).join('');
      const name = safeFilename(raw, MEDIA_TYPES.text);
      expect(name).toMatch(/\.(txt|text|md)$/);
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(200);
      const header = contentDisposition(name);
      expect(header).toMatch(
        /^attachment; filename="[\x20-\x21\x23-\x5b\x5d-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]+$/,
      );
    }
  });
});
