import { describe, expect, it } from 'vitest';
import { createDoc, type Doc } from '../src/doc.js';
import { recordToDoc } from '../src/ingest/record.js';
import { normalizeStage } from '../src/stages/normalize.js';

const normalize = normalizeStage.setup(normalizeStage.defaults, { pipelineDir: '.' });
const source = { path: 'a.txt', format: 'txt' as const, record: null, sha256: '' };

function norm(text: string): Doc {
  const doc = createDoc({ id: 'a', source, text });
  normalize(doc);
  return doc;
}
const codes = (doc: Doc) => doc.warnings.map((w) => w.code);

describe('normalize', () => {
  it('leaves clean text byte-identical and warns about nothing', () => {
    const text = 'Judul “Berita” — café\n\nIsi\tberita dengan emoji 👍🏽 dan aksara 한국어.\n';
    const doc = norm(text);
    expect(doc.text).toBe(text);
    expect(Buffer.from(doc.text).equals(Buffer.from(text))).toBe(true);
    expect(doc.warnings).toEqual([]);
  });

  it('CRLF and lone CR become LF', () => {
    const doc = norm('a\r\nb\rc\r\n');
    expect(doc.text).toBe('a\nb\nc\n');
    expect(codes(doc)).toEqual(['line-endings']);
    expect(doc.warnings[0].message).toContain('3');
  });

  it('removes control characters but keeps newline and tab; form feed becomes a newline', () => {
    const doc = norm('a\u0000b\u0007c\td\u000Ce\u007Ff\u0085g\nh');
    expect(doc.text).toBe('abc\td\nefg\nh');
    expect(codes(doc)).toEqual(['control-characters']);
  });

  it('NBSP and other unusual spaces become a plain space', () => {
    const doc = norm('Rp\u00A0100\u202Fribu\u2009di\u3000Jakarta');
    expect(doc.text).toBe('Rp 100 ribu di Jakarta');
    expect(codes(doc)).toEqual(['unusual-spaces']);
  });

  it('removes zero-width characters, keeps ZWJ inside emoji sequences and the soft hyphen', () => {
    const doc = norm('\uFEFFJa\u200Bkar\u2060ta\u200D! 👩\u200D💻 ta\u00ADno');
    expect(doc.text).toBe('Jakarta! 👩\u200D💻 ta\u00ADno');
    expect(codes(doc)).toEqual(['zero-width']);
  });

  it('applies Unicode NFC', () => {
    const doc = norm('Cafe\u0301 di Bandung');
    expect(doc.text).toBe('Café di Bandung');
    expect(codes(doc)).toEqual(['unicode-nfc']);
  });

  it('keeps titleLength and title exact when the title changes', () => {
    const doc = recordToDoc({ title: 'Kafe\u0301\u00A0Tua\u200B', text: 'Isi\r\nberita' }, source);
    normalize(doc);
    expect(doc.text).toBe('Kafé Tua\n\nIsi\nberita');
    expect(doc.meta.titleLength).toBe('Kafé Tua'.length);
    expect(doc.title).toBe('Kafé Tua');
    expect(doc.text.slice(0, doc.meta.titleLength)).toBe(doc.title);
    expect(codes(doc).sort()).toEqual(['line-endings', 'unicode-nfc', 'unusual-spaces', 'zero-width']);
  });

  it('moves reader warnings left in meta (HTML charset) into doc.warnings', () => {
    const doc = createDoc({ id: 'a', source, text: 'x', meta: { readerWarnings: [{ code: 'charset-mismatch', message: 'm' }] } });
    normalize(doc);
    expect(doc.warnings).toEqual([{ stage: 'ingest', code: 'charset-mismatch', message: 'm' }]);
    expect(doc.meta.readerWarnings).toBeUndefined();
  });

  it('replaces lone surrogates with U+FFFD, one code unit for one, and keeps valid pairs', () => {
    const text = 'Harga \uD800naik 👍🏽 di Jakarta \uDC00 dan \uDBFF';
    const doc = norm(text);
    expect(doc.text).toBe('Harga \uFFFDnaik 👍🏽 di Jakarta \uFFFD dan \uFFFD');
    expect(doc.text.length).toBe(text.length);
    expect(doc.text.indexOf('Jakarta')).toBe(text.indexOf('Jakarta'));
    expect(doc.warnings).toEqual([{ stage: 'normalize', code: 'lone-surrogates', message: expect.stringContaining('3 lone surrogate') }]);
  });

  it('replaces lone surrogates in the title prefix and the metadata too', () => {
    const doc = recordToDoc({ id: 'id-\uD801', title: 'Judul \uDFFF', text: 'Isi berita.', author: 'Ani \uD800', url: 'https://x.id/\uDC00' }, source);
    normalize(doc);
    expect(doc.text).toBe('Judul \uFFFD\n\nIsi berita.');
    expect(doc.title).toBe('Judul \uFFFD');
    expect(doc.meta.titleLength).toBe(7);
    expect([doc.id, doc.author, doc.url]).toEqual(['id-\uFFFD', 'Ani \uFFFD', 'https://x.id/\uFFFD']);
    expect(codes(doc)).toEqual(['lone-surrogates']);
    expect(doc.warnings[0].message).toContain('4 lone surrogate');
  });
});
