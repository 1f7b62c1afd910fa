import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeWithRegExp, tokenKey } from '../src/ner/tokens.js';

const TRICKY = [
  "Kim Jong-un’s al-Assad O'Neil bertemu anak-anak di SEPUTARAN.COM dan kompas.co.id",
  'x--y a- -b ‐ \ud800 z\udc00 \'\' é́ ١٢٣ 😀 a\u200bb 𝐀𝐁C\u00a0D\u3000E',
  'JAKARTA (ANTARA) – Presiden Joko Widodo (Jokowi) tiba di Bandara Soekarno-Hatta, Senin (1/9).',
];

describe('entity tokenizer (character scan)', () => {
  it('finds exactly the tokens of the regular-expression tokenizer', () => {
    const texts = [...TRICKY, readFileSync('input/seputaran-kim-xi.txt', 'utf8')];
    for (const t of texts) {
      for (const [s, e] of [[0, t.length], [3, Math.floor(t.length / 2)], [7, t.length - 5]]) {
        expect(tokenize(t, s, e)).toEqual(tokenizeWithRegExp(t, s, e));
      }
    }
  });

  it('joins web addresses and keeps inner hyphens and apostrophes', () => {
    const toks = tokenize(TRICKY[0]);
    expect(toks.map((t) => t.text)).toContain('Jong-un’s');
    expect(toks.map((t) => t.text)).toContain('SEPUTARAN.COM');
    expect(toks.map((t) => t.text)).toContain('kompas.co.id');
    expect(toks.find((t) => t.text === 'Jong-un’s')?.key).toBe("jong-un's");
  });

  it('keys lower-case ASCII words without copying and normalises quotes', () => {
    expect(tokenKey('jakarta')).toBe('jakarta');
    expect(tokenKey('Jakarta')).toBe('jakarta');
    expect(tokenKey('Ma’ruf')).toBe("ma'ruf");
    expect(tokenKey('ÉLYSÉE')).toBe('élysée');
  });
});
