import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crossValidation, idMsCell } from '../src/eval/langid.js';
import { scoreLanguage } from '../src/eval/scorers.js';
import { IdMsModel } from '../src/language/idms-model.js';
import { articleFold, chooseBias, fitCalibration, outletPlans, trainOn } from '../src/language/training/crossval.js';
import { cutCorpus, type Article } from '../src/language/training/samples.js';
import { ROOT, tempDir } from './helpers/cli.js';

/**
 * Training the Indonesian/Malay model on a tiny corpus written for this test:
 * the cut, the training and the whole `train:langid` command are deterministic,
 * and what they learn separates the two languages.
 */

const MALAY_SENTENCES = [
  'Kerajaan negeri akan membina lebih banyak rumah mampu milik bagi golongan muda tahun depan.',
  'Beliau berkata projek itu dijangka siap sepenuhnya selepas dua tahun kerana kerja tanah bermula lewat.',
  'Polis menahan seorang lelaki berusia 25 tahun bagi membantu siasatan kes kecurian kereta.',
  'Kadar inflasi negara meningkat kepada tiga peratus berbanding bulan lepas, menurut jabatan perangkaan.',
  'Pihak hospital memaklumkan bahawa mangsa berada dalam keadaan stabil dan masih menerima rawatan.',
  'Menteri itu berkata bajet tambahan akan dibentangkan di Dewan Rakyat minggu hadapan.',
  'Orang ramai dinasihatkan supaya tidak menyebarkan maklumat palsu di media sosial.',
  'Syarikat penerbangan tempatan menawarkan tambang murah sempena cuti sekolah yang bermula esok.',
];

const INDONESIAN_SENTENCES = [
  'Pemerintah kota akan membangun lebih banyak rumah terjangkau bagi kaum muda tahun depan.',
  'Ia mengatakan proyek itu diperkirakan rampung sepenuhnya setelah dua tahun karena pekerjaan tanah dimulai terlambat.',
  'Polisi menangkap seorang pria berusia 25 tahun untuk membantu penyelidikan kasus pencurian mobil.',
  'Tingkat inflasi nasional naik menjadi tiga persen dibandingkan bulan lalu, menurut badan pusat statistik.',
  'Pihak rumah sakit menyampaikan bahwa korban dalam kondisi stabil dan masih menjalani perawatan.',
  'Menteri itu mengatakan anggaran tambahan akan dibahas di Dewan Perwakilan Rakyat pekan depan.',
  'Masyarakat diimbau agar tidak menyebarkan informasi bohong di media sosial.',
  'Maskapai penerbangan lokal menawarkan tiket murah menjelang libur sekolah yang dimulai besok.',
];

/** Twelve articles per language over three outlets: rotations of the sentences, three paragraphs each. */
function articles(lang: 'id' | 'ms'): Article[] {
  const sentences = lang === 'ms' ? MALAY_SENTENCES : INDONESIAN_SENTENCES;
  const outlets = lang === 'ms' ? ['Akhbar Satu', 'Akhbar Dua', 'Akhbar Tiga'] : ['Koran Satu', 'Koran Dua', 'Koran Tiga'];
  return Array.from({ length: 12 }, (_, a) => {
    const at = (k: number) => sentences[(a + k) % sentences.length];
    return {
      id: `${lang}-${a}`,
      source: 'test',
      outlet: outlets[a % 3],
      title: at(0).split(' ').slice(0, 6).join(' '),
      // A date makes every paragraph distinct (duplicates are dropped when the corpus is cut).
      text: [`${at(0)} ${at(1)}`, `${at(2)} ${at(3)} ${at(4)}`, `${at(5)} ${at(6)}`].map((p, k) => `${a + 1}/${k + 1}: ${p}`).join('\n'),
    };
  });
}

const corpus = { id: articles('id'), ms: articles('ms') };
const options = { epochs: 3, eta: 0.1, l2: 1e-6, seed: 3 };

describe('training the Indonesian/Malay model', () => {
  it('cuts paragraphs and headline-like snippets deterministically', () => {
    const a = cutCorpus(corpus);
    const b = cutCorpus(corpus);
    expect(a).toEqual(b);
    expect(new Set(a.map((s) => s.kind))).toEqual(new Set(['paragraph', 'title', 'clause']));
    for (const s of a) {
      if (s.kind === 'paragraph') expect(s.text.length).toBeGreaterThanOrEqual(60);
      else expect(s.text.length).toBeLessThan(60);
    }
  });

  it('learns the same weights from the same samples, and they separate the languages', () => {
    const samples = cutCorpus(corpus);
    const a = trainOn(samples, 12, options);
    const b = trainOn(samples, 12, options);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
    const other = trainOn(samples, 12, { ...options, seed: 4 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(other.weights.buffer))).toBe(false);
  });

  it('holds out whole articles and whole outlets', () => {
    const samples = cutCorpus(corpus);
    const folds = new Map<string, number>();
    for (const s of samples) {
      const f = articleFold(s.article, 3);
      expect(folds.get(s.article) ?? f).toBe(f);
      folds.set(s.article, f);
    }
    const plans = outletPlans(samples, 4);
    expect(plans.map((p) => p.name)).toEqual([
      'id Koran Dua',
      'id Koran Satu',
      'id Koran Tiga',
      'ms Akhbar Dua',
      'ms Akhbar Satu',
      'ms Akhbar Tiga',
    ]);
    for (const plan of plans) {
      const test = samples.filter(plan.test);
      expect(new Set(test.map((s) => s.outlet)).size).toBe(1);
    }
  });

  it('calibrates scores and lexicon evidence by weighted logistic fit', () => {
    // Scores that separate the labels with some overlap: a positive slope, a sensible intercept.
    const scores = [-3, -2, -1, -0.5, 0.5, 1, 2, 3, -1, 1];
    const lexical = [0, 0, -1, 0, 0, 1, 0, 2, 0, 0];
    const labels = [0, 0, 0, 0, 1, 1, 1, 1, 1, 0];
    const c = fitCalibration(scores, lexical, labels, scores.map(() => 1));
    expect(c.a).toBeGreaterThan(0);
    expect(Math.abs(c.b)).toBeLessThan(2);
    expect(fitCalibration(scores, lexical, labels, scores.map(() => 1))).toEqual(c);
  });

  it('chooses the Indonesian bias per band by cost, never calling Indonesian Malay more than the word lists', () => {
    const point = (bias: number, id: number, ms: number) => ({ bias, accuracy: { 'id/short': id, 'ms/short': ms, 'id/medium': id, 'ms/medium': ms, 'id/long': 1, 'ms/long': 1 } });
    const sweep = [point(0, 0.9, 0.98), point(1, 0.97, 0.9), point(2, 0.99, 0.8), point(3, 0.995, 0.5)];
    // Short: bias 0 calls too much Indonesian Malay (0.9 < 0.95 of the word lists); of the rest, an
    // Indonesian error costing five Malay ones: 1 -> 0.15 + 0.10, 2 -> 0.05 + 0.20 (equal: the smaller bias), 3 -> 0.525.
    // Medium: every bias passes the word lists' 0.8; 0 -> 0.52, and 1 and 2 tie again at 0.25.
    // Long: all equal -> the smallest.
    const wordLists = { 'id/short': 0.95, 'id/medium': 0.8, 'id/long': 0.99 };
    expect(chooseBias(sweep, wordLists)).toEqual({ short: 1, medium: 1, long: 0 });
    // Indonesian errors as cheap as Malay ones: the balanced point.
    expect(chooseBias(sweep, wordLists, 1).medium).toBe(0);
    // Indonesian errors very dear: the most Indonesian-leaning bias.
    expect(chooseBias(sweep, wordLists, 100)).toEqual({ short: 3, medium: 3, long: 0 });
  });

  it('npm run train:langid gives the same bytes twice, and a model that works', () => {
    const cli = path.join(ROOT, 'dist', 'language', 'training', 'train.js');
    if (!existsSync(cli)) throw new Error(`${cli} missing: npm test builds first`);
    const dir = tempDir('warta-langid-train-');
    try {
      for (const lang of ['id', 'ms'] as const) {
        writeFileSync(path.join(dir, `news-${lang}.jsonl.gz`), gzipSync(corpus[lang].map((a) => JSON.stringify(a)).join('\n') + '\n'));
      }
      const run = (name: string) => {
        const result = spawnSync(
          process.execPath,
          [cli, '--data', dir, '--out', path.join(dir, name), '--results', path.join(dir, name, 'cv.json'), '--bits', '12', '--folds', '2', '--min-outlet', '4', '--epochs', '3'],
          { encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, timeout: 120_000 },
        );
        expect(result.status, result.stderr).toBe(0);
        return result.stdout;
      };
      const first = run('a');
      run('b');
      for (const file of ['langid-id-ms.bin', 'langid-id-ms.json', 'cv.json']) {
        expect(readFileSync(path.join(dir, 'a', file)).equals(readFileSync(path.join(dir, 'b', file))), file).toBe(true);
      }
      expect(first).toContain('leave-one-outlet-out');
      expect(first).toContain('ms Akhbar Satu');
      // npm run eval prints the report the trainer wrote.
      const printed = crossValidation(path.join(dir, 'a', 'cv.json'));
      expect(printed.report?.byOutlet.length).toBe(6);
      expect(printed.text).toContain('leave-one-outlet-out');
      expect(crossValidation(path.join(dir, 'none.json')).text).toMatch(/not found \(npm run train:langid writes it\)/);
      const model = IdMsModel.load(path.join(dir, 'a'))!;
      expect(model.meta.bits).toBe(12);
      expect(model.logOdds(MALAY_SENTENCES[1])).toBeGreaterThan(0);
      expect(model.logOdds(INDONESIAN_SENTENCES[1])).toBeLessThan(0);
      // Without the corpora the command says so and succeeds.
      const missing = spawnSync(process.execPath, [cli, '--data', path.join(dir, 'nothing-here'), '--no-save'], { encoding: 'utf8' });
      expect(missing.status).toBe(0);
      expect(missing.stdout).toMatch(/not found: skipped/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('eval: Indonesian/Malay confusions per band', () => {
  it('counts Indonesian called Malay and Malay called Indonesian per length band', () => {
    const score = scoreLanguage([
      { gold: 'id', pred: 'ms', band: 'short' },
      { gold: 'id', pred: 'id', band: 'short' },
      { gold: 'ms', pred: 'id', band: 'short' },
      { gold: 'ms', pred: 'ms', band: 'long' },
      { gold: 'en', pred: 'en', band: 'long' },
    ]);
    expect(idMsCell(score, 'short')).toBe('1+1/3');
    expect(idMsCell(score, 'long')).toBe('0+0/1');
    expect(idMsCell(score)).toBe('1+1/4');
  });
});
