import { describe, expect, it } from 'vitest';
import { scalingShapes } from '../src/bench/language.js';
import { createDoc, type Doc } from '../src/doc.js';
import { LanguageDetector } from '../src/language/detect.js';
import { characterJunk, diversityJunk, wordShapeJunk } from '../src/language/junk.js';
import { languageStage } from '../src/stages/language.js';

/**
 * Junk is no language: runs of initials, one character repeated, a few tokens
 * cycling, digits and slashes get `und` (confidence 0) instead of some
 * trigram model's language with confidence 1, at any length. Time is checked by
 * `npm run bench` (src/bench/language.ts), not here.
 */

const runLanguage = await languageStage.setup(languageStage.defaults, { pipelineDir: '.' });

function detect(text: string): Doc {
  const doc = createDoc({ id: 't', source: { path: 't.txt', format: 'txt', record: null, sha256: '' }, text });
  runLanguage(doc);
  return doc;
}

const ORDINARY =
  'Pemerintah Kota Bandung mengimbau warga agar tidak membuang sampah ke sungai selama musim hujan. Menurut kepala dinas lingkungan hidup, banjir yang terjadi pekan lalu disebabkan oleh saluran air yang tersumbat, sehingga ratusan rumah terendam dan lalu lintas macet total.';
const shapes = scalingShapes(ORDINARY);

describe('junk text', () => {
  it.each(['initials', 'numbers and slashes', 'repeated character'])('%s: und at 200 KB and 1 MB', (shape) => {
    for (const size of [200_000, 1_000_000]) {
      const doc = detect(shapes[shape](size));
      expect(doc.language).toBe('und');
      expect(doc.language_confidence).toBe(0);
    }
  });

  it('a few tokens cycling are no language', () => {
    expect(detect('Xkcd Qwrt Zzpl Mnbv Ghjk Trew Plmk Jhgf Vbnm Wert '.repeat(2000)).language).toBe('und');
    expect(detect('的的的的的的的的'.repeat(5000)).language).toBe('und');
    const quotes = Array.from({ length: 20_000 }, (_, i) => `"(['${'xyz'[i % 3]}'])" «${i % 10}» `).join('');
    expect(detect(quotes).language).toBe('und');
  });

  it('real text of any length keeps its language, also on one long line or with capitalised words', () => {
    expect(detect(shapes['ordinary (id)'](1_000_000)).language).toBe('id');
    expect(detect(shapes['one long line'](1_000_000)).language).toBe('id');
    expect(detect(shapes['ordinary (nl)'](1_000_000)).language).toBe('nl');
    const capitalised = detect(shapes['capitalised words'](200_000));
    expect(capitalised.language).toBe('id');
    const spanish =
      'El gobierno anunció ayer que las nuevas medidas entrarán en vigor el próximo mes, aunque varios sindicatos han expresado su rechazo a la reforma laboral que se discute en el congreso.';
    expect(detect(spanish).language).toBe('es');
  });

  it('beyond a few samples worth of text, more of the same text is not more certainty', () => {
    const detector = new LanguageDetector();
    const sample = 'Sinabi ng pamahalaan kahapon na ang mga bagong patakaran ay magsisimula sa susunod na buwan. '.repeat(10);
    const decideOver = (copies: number) => {
      const evidence = detector.newEvidence();
      detector.addText(evidence, sample.repeat(copies));
      return detector.decide(evidence, sample, sample.length * copies);
    };
    const eight = decideOver(8);
    expect(decideOver(100)).toEqual(eight);
    expect(decideOver(1000)).toEqual(eight);
  });

  it('names the reason for junk', () => {
    expect(wordShapeJunk(1000, 1000)).toMatch(/mean word length 1\.0/);
    expect(wordShapeJunk(1, 100_000)).toMatch(/mean word length/);
    expect(wordShapeJunk(100, 550)).toBeNull();
    expect(diversityJunk(12, 1000)).toMatch(/12 distinct trigrams/);
    expect(diversityJunk(400, 1000)).toBeNull();
    expect(diversityJunk(5, 50)).toBeNull();
    expect(characterJunk('的'.repeat(500))).toMatch(/1 distinct characters/);
    const detector = new LanguageDetector();
    expect(detector.detect('A. B. C. D. E. F. G. H. '.repeat(100)).language).toBe('und');
    expect(detector.lastJunk).toMatch(/mean word length/);
    expect(detector.detect(ORDINARY).language).toBe('id');
    expect(detector.lastJunk).toBeNull();
  });
});
