import type { FoldResult, Tally } from './crossval.js';

/**
 * The cross-validation report of `npm run train:langid`
 * (`bench/results/langid-cv.json`), and its text form, printed by the
 * trainer and by `npm run eval`.
 */
export interface CvReport {
  created: string;
  /** sha256 of the weights file this report was made with. */
  weightsSha256?: string;
  data: { idArticles: number; msArticles: number; samples: number; cut: unknown };
  options: Record<string, unknown>;
  calibration: { a: number; lexicon: number; b: number };
  /** The Indonesian bias chosen per band (the model's `idBias`). */
  idBias: Record<string, number>;
  /** Pair accuracy (Indonesian not called Malay, Malay called Malay) of the word lists alone, per language/band. */
  wordLists: Record<string, number>;
  /** Out-of-fold accuracy of the Indonesian/Malay decision per gold language/band, per Indonesian bias. */
  biasSweep: { bias: number; accuracy: Record<string, number> }[];
  /** All article folds together. */
  byArticle: FoldResult | null;
  /** One entry per held-out outlet (or pooled small outlets). */
  byOutlet: FoldResult[];
  model: { bits: number; slots: number; nonzero: number; fileBytes: number; quantisedDisagreements: number } | null;
}

const BANDS = ['short', 'medium', 'long'] as const;

function pct(t: Tally | undefined): string {
  return t && t.n > 0 ? (t.correct / t.n).toFixed(3) : '';
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

/** Accuracy per language and band (model alone / whole detector), one line per language. */
export function accuracyLines(result: FoldResult): string[] {
  const widths = [4, 6, 6, 6, 6, 6, 6, 6, 6, 7];
  const lines = [
    row(['', 'model', '', '', '', 'detect', '', '', '', 'n'], widths),
    row(['', 'short', 'medium', 'long', 'all', 'short', 'medium', 'long', 'all', ''], widths),
  ];
  for (const lang of ['id', 'ms']) {
    const t = (part: 'model' | 'detector', key: string) => pct(result[part][key]);
    lines.push(
      row(
        [lang, ...BANDS.map((b) => t('model', `${lang}/${b}`)), t('model', lang), ...BANDS.map((b) => t('detector', `${lang}/${b}`)), t('detector', lang), String(result.detector[lang]?.n ?? 0)],
        widths,
      ),
    );
  }
  return lines;
}

/** Detector answers per gold language and band. */
export function confusionLines(result: FoldResult): string[] {
  const answers = [...new Set(Object.values(result.confusion).flatMap((r) => Object.keys(r)))].sort((a, b) =>
    a === 'id' ? -1 : b === 'id' ? 1 : a === 'ms' ? -1 : b === 'ms' ? 1 : a.localeCompare(b),
  );
  const widths = [10, ...answers.map((a) => Math.max(5, a.length))];
  const lines = [row(['gold', ...answers], widths)];
  for (const lang of ['id', 'ms']) {
    for (const band of BANDS) {
      const r = result.confusion[`${lang}/${band}`];
      if (!r) continue;
      lines.push(row([`${lang}/${band}`, ...answers.map((a) => String(r[a] ?? 0))], widths));
    }
  }
  return lines;
}

export function outletLines(results: readonly FoldResult[]): string[] {
  const widths = [52, 8, 7, 6, 6, 6, 6, 6];
  const lines = [row(['held-out outlet', 'articles', 'samples', 'model', 'detect', 'short', 'medium', 'long'], widths)];
  for (const r of results) {
    const lang = r.name.slice(0, 2);
    lines.push(
      row(
        [r.name.slice(0, 52), String(r.articles), String(r.detector[lang]?.n ?? 0), pct(r.model[lang]), pct(r.detector[lang]), ...BANDS.map((b) => pct(r.detector[`${lang}/${b}`]))],
        widths,
      ),
    );
  }
  return lines;
}

export function formatReport(report: CvReport): string {
  const out: string[] = [];
  if (report.byArticle) {
    out.push(`Indonesian/Malay, ${report.byArticle.name} (model alone / whole detector; accuracy):`);
    out.push(...accuracyLines(report.byArticle).map((l) => `  ${l}`));
    out.push('detector answers (rows: gold language/band):');
    out.push(...confusionLines(report.byArticle).map((l) => `  ${l}`));
  }
  if (report.biasSweep.length > 0) {
    out.push('Indonesian/Malay decision alone, out of fold, by the idMsBias option (id not called ms / ms called ms):');
    const widths = [10, 13, 13, 13];
    const cells = (accuracy: Record<string, number>) => BANDS.map((b) => `${(accuracy[`id/${b}`] ?? 0).toFixed(3)}/${(accuracy[`ms/${b}`] ?? 0).toFixed(3)}`);
    out.push(`  ${row(['bias', ...BANDS], widths)}`);
    out.push(`  ${row(['word lists', ...cells(report.wordLists ?? {})], widths)}`);
    const used = Object.values(report.idBias ?? {});
    for (const { bias, accuracy } of report.biasSweep) {
      if (bias % 0.5 !== 0 && !used.includes(bias)) continue;
      out.push(`  ${row([bias.toFixed(2), ...cells(accuracy)], widths)}`);
    }
    out.push(`  used (the model's idBias): ${BANDS.map((b) => `${b} ${report.idBias?.[b] ?? 0}`).join(', ')}`);
  }
  if (report.byOutlet.length > 0) {
    out.push('leave-one-outlet-out (the outlet unseen in training; detector accuracy per band):');
    out.push(...outletLines(report.byOutlet).map((l) => `  ${l}`));
  }
  if (report.model) {
    const m = report.model;
    out.push(
      `model: 2^${m.bits} weight slots, ${m.nonzero} non-zero, ${(m.fileBytes / 1024).toFixed(0)} KB gzipped; calibration a=${report.calibration.a} lexicon=${report.calibration.lexicon} b=${report.calibration.b}; ` +
        `quantised vs float answers differ on ${m.quantisedDisagreements} samples`,
    );
  }
  return out.join('\n');
}
