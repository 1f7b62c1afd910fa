/**
 * The Indonesian/Malay parts of `npm run eval`: confusions between the two per
 * length band on the language dev set, and the cross-validated accuracy per
 * band and per outlet of the learned model. The cross-validation needs the
 * unlabelled news corpora and about thirty trainings (minutes), so
 * `npm run train:langid` computes it together with the model it describes and
 * writes `bench/results/langid-cv.json`; eval prints that file, and says so
 * when it is missing or was made for another model than the one committed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../lang/data.js';
import { IdMsModel } from '../language/idms-model.js';
import { formatReport, type CvReport } from '../language/training/report.js';
import type { LanguageScore } from './scorers.js';

export const CV_RESULTS = path.join(PACKAGE_ROOT, 'bench', 'results', 'langid-cv.json');

/** `id>ms+ms>id/n` for one band (or all bands when `band` is undefined). */
export function idMsCell(score: LanguageScore, band?: string): string {
  const c = band ? score.idMsByBand[band] : { idAsMs: score.idAsMs, msAsId: score.msAsId, n: (score.byLanguage.id?.n ?? 0) + (score.byLanguage.ms?.n ?? 0) };
  return c ? `${c.idAsMs}+${c.msAsId}/${c.n}` : '';
}

/** Bands present in a score, shortest first. */
export function bandsOf(score: LanguageScore): string[] {
  return ['short', 'medium', 'long'].filter((b) => score.idMsByBand[b]);
}

export interface CrossValidation {
  text: string;
  report: CvReport | null;
}

/** The cross-validation report as text (or why there is none). */
export function crossValidation(file = CV_RESULTS): CrossValidation {
  if (!existsSync(file)) {
    return { text: `Indonesian/Malay cross-validation: ${path.relative(process.cwd(), file)} not found (npm run train:langid writes it)`, report: null };
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as CvReport & { weightsSha256?: string };
  const model = IdMsModel.load();
  const stale = model !== null && report.weightsSha256 !== undefined && report.weightsSha256 !== model.meta.weightsSha256;
  const head = `Indonesian/Malay model, cross-validated by npm run train:langid (${path.relative(process.cwd(), file)})${stale ? ' -- NOTE: made for other weights than models/langid-id-ms.bin' : ''}`;
  return { text: `${head}\n${formatReport(report)}`, report };
}
