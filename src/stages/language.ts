import { ANALYSED_SECTIONS, type Doc } from '../doc.js';
import { defineStage } from '../stage.js';
import { normalizeLanguageTag } from '../language/codes.js';
import { DEFAULT_PARAMS, LanguageDetector, dominantScript, letters, sampleOf, type Evidence } from '../language/detect.js';

/**
 * Article language (ISO 639-1 where one exists, else ISO 639-3, `und` when
 * undetermined) and confidence. A language given by the input record wins.
 *
 * Detection runs on the analysed sections (title, caption, dateline, body;
 * the whole text when there are no sections): lexical evidence over all of
 * them, franc's trigram models over a bounded sample. Each paragraph of
 * those sections is checked too, so a block in another language (an English
 * quote in an Indonesian story) shows up as a `mixed-language` warning.
 * Indonesian against Malay is decided by the learned model when it is present
 * (`idMsModel`, `idMsBias`); text that is no language at all (runs of
 * initials, one character repeated) is `und`.
 */

export interface LanguageOptions {
  /** Characters of the analysed text fed to the trigram model. */
  sampleChars: number;
  /** Fewer letters than this: `und`. */
  minLength: number;
  /** Confidence below this: `und`. */
  minConfidence: number;
  /** Check paragraphs for a different language. */
  mixed: boolean;
  /** Paragraphs with fewer letters are not checked on their own. */
  mixedMinLength: number;
  /** Confidence a paragraph's own language needs before it is reported. */
  mixedMinConfidence: number;
  /** Let the learned model (models/langid-id-ms.*) choose between Indonesian and Malay. */
  idMsModel: boolean;
  /** Log-odds in favour of Indonesian the model must overcome before a text is called Malay (default: the model's own). */
  idMsBias?: number;
}

const DEFAULTS: LanguageOptions = {
  sampleChars: DEFAULT_PARAMS.sampleChars,
  minLength: DEFAULT_PARAMS.minLength,
  minConfidence: DEFAULT_PARAMS.minConfidence,
  mixed: true,
  mixedMinLength: 80,
  mixedMinConfidence: 0.95,
  idMsModel: DEFAULT_PARAMS.idMsModel,
};

/** Lexical evidence per word a paragraph needs before it is checked as another language. */
const MIXED_MIN_DENSITY = 0.4;

function copyEvidence(evidence: Evidence): Evidence {
  return { scores: evidence.scores.slice(), stats: evidence.stats.slice() };
}

/** Text whose "words" are long runs of letters of a script written without spaces (Han, kana, Thai). */
function unspaced(block: CheckedBlock, text: string): boolean {
  const tokens = block.evidence.stats[0];
  if (tokens === 0 || block.evidence.stats[2] / tokens <= 8) return false;
  return dominantScript(text.slice(block.start, block.end)) === 'other';
}

/** Pairs too close to call per paragraph: a few words decide them, so they are not reported as mixed. */
const CLOSE_PAIRS: ReadonlySet<string> = new Set(['id|ms', 'ms|id']);

const NAMES: Readonly<Record<string, string>> = {
  id: 'Indonesian', ms: 'Malay', en: 'English', nl: 'Dutch', jv: 'Javanese', su: 'Sundanese',
  min: 'Minangkabau', ban: 'Balinese', bjn: 'Banjar', zh: 'Chinese',
};

function languageName(code: string): string {
  return NAMES[code] ?? code;
}

type CheckedBlock = { start: number; end: number; evidence: Evidence };

interface Block {
  start: number;
  end: number;
  /** Null for a paragraph too short to be checked on its own (its evidence is only in the total). */
  evidence: Evidence | null;
}

export const languageStage = defineStage<LanguageOptions>({
  name: 'language',
  description: 'Article language (ISO 639-1 where one exists) and confidence, with mixed-language warnings',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sampleChars: { type: 'integer', minimum: 50 },
      minLength: { type: 'integer', minimum: 0 },
      minConfidence: { type: 'number', minimum: 0, maximum: 1 },
      mixed: { type: 'boolean' },
      mixedMinLength: { type: 'integer', minimum: 1 },
      mixedMinConfidence: { type: 'number', minimum: 0, maximum: 1 },
      idMsModel: { type: 'boolean' },
      idMsBias: { type: 'number', minimum: -10, maximum: 10 },
    },
  },
  defaults: DEFAULTS,
  setup(options) {
    const o = { ...DEFAULTS, ...options };
    const detector = new LanguageDetector({
      sampleChars: o.sampleChars,
      minLength: o.minLength,
      minConfidence: o.minConfidence,
      idMsModel: o.idMsModel,
      idMsBias: o.idMsBias,
    });
    const paragraph = /\n\s*\n|\n/g;
    /** One paragraph's evidence while it is read; kept (copied) only when the paragraph can be checked. */
    const scratch = detector.newEvidence();

    /** Lexical evidence per paragraph of `spans` (the article's is their sum) and the trigram sample. */
    function gather(text: string, spans: readonly { start: number; end: number }[]) {
      const blocks: Block[] = [];
      const total = detector.newEvidence();
      let analysedLength = 0;
      const sampleParts: string[] = [];
      let sampleLength = 0;
      for (const span of spans) {
        const sectionText = text.slice(span.start, span.end);
        analysedLength += sectionText.length;
        if (sampleLength < o.sampleChars) {
          sampleParts.push(sectionText);
          sampleLength += sectionText.length + 1;
        }
        paragraph.lastIndex = 0;
        let from = 0;
        for (;;) {
          const m = paragraph.exec(sectionText);
          const to = m ? m.index : sectionText.length;
          if (to > from) {
            scratch.scores.fill(0);
            scratch.stats.fill(0);
            detector.addText(scratch, sectionText.slice(from, to));
            detector.addEvidence(total, scratch);
            const block: CheckedBlock = { start: span.start + from, end: span.start + to, evidence: scratch };
            // Thousands of short lines (a table's cells) must not each keep an evidence object.
            const checkable = letters(scratch) >= o.mixedMinLength || (letters(scratch) >= o.mixedMinLength / 4 && unspaced(block, text));
            blocks.push({ start: block.start, end: block.end, evidence: checkable && o.mixed ? copyEvidence(scratch) : null });
          }
          if (!m) break;
          from = m.index + m[0].length;
        }
      }
      return { blocks, total, sample: sampleOf(sampleParts.join('\n'), o.sampleChars), analysedLength };
    }

    return (doc: Doc) => {
      const text = doc.text;
      const analysed = doc.sections.filter((s) => ANALYSED_SECTIONS.has(s.type));
      let gathered = gather(text, analysed.length > 0 ? analysed : [{ start: 0, end: text.length }]);
      // Too little analysed text (a record that is all headline-like metadata): use the whole text.
      if (analysed.length > 0 && letters(gathered.total) < o.minLength) gathered = gather(text, [{ start: 0, end: text.length }]);
      const { blocks, total, sample, analysedLength } = gathered;

      const hint = normalizeLanguageTag(doc.meta.languageHint);
      let language: string;
      if (hint !== null && hint !== 'und') {
        language = hint;
        doc.language = hint;
        doc.language_confidence = 1;
      } else {
        const result = detector.decide(total, sample, analysedLength);
        language = result.language;
        doc.language = result.language;
        doc.language_confidence = result.confidence;
      }

      if (!o.mixed || language === 'und' || blocks.length < 2) return;
      let open: { language: string; confidence: number; start: number; end: number } | null = null;
      const flush = () => {
        if (!open) return;
        doc.warnings.push({
          stage: 'language',
          code: 'mixed-language',
          message: `${languageName(open.language)} (${open.language}, confidence ${open.confidence.toFixed(2)}) text in a ${languageName(language)} (${language}) article`,
          start: open.start,
          end: open.end,
        });
        open = null;
      };
      for (const block of blocks) {
        if (block.evidence === null) {
          flush();
          continue;
        }
        const checked = block as CheckedBlock;
        const enough = letters(checked.evidence) >= (unspaced(checked, text) ? o.mixedMinLength / 4 : o.mixedMinLength);
        const found = enough ? blockLanguage(checked) : null;
        if (found === null) {
          flush();
          continue;
        }
        if (open !== null && open.language === found.language) {
          open.end = block.end;
          open.confidence = Math.min(open.confidence, found.confidence);
        } else {
          flush();
          open = { language: found.language, confidence: found.confidence, start: block.start, end: block.end };
        }
      }
      flush();

      /** The paragraph's language when it clearly differs from the article's, else null. */
      function blockLanguage(block: CheckedBlock): { language: string; confidence: number } | null {
        // Cheap screen: only paragraphs whose own words point elsewhere, or that are written
        // in a script without spaces between words (Chinese, Japanese), get the full check.
        const tokens = block.evidence.stats[0];
        if (unspaced(block, text)) return confirm(block);
        const scores = block.evidence.scores;
        const own = detector.codes.indexOf(language);
        let best = 0;
        for (let i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
        const lead = scores[best] - (own >= 0 ? scores[own] : 0);
        if (detector.codes[best] === language || lead < 2) return null;
        // Titles and names in another language inside a sentence are not a block in that language:
        // its own words must be dense (English prose scores ~0.7 per word, a title-laden sentence ~0.2).
        if (tokens === 0 || scores[best] / tokens < MIXED_MIN_DENSITY) return null;
        return confirm(block);
      }

      function confirm(block: CheckedBlock): { language: string; confidence: number } | null {
        const blockText = text.slice(block.start, block.end);
        const result = detector.decide(block.evidence, sampleOf(blockText, o.sampleChars), blockText.length);
        if (result.language === language || result.language === 'und') return null;
        if (result.confidence < o.mixedMinConfidence) return null;
        if (CLOSE_PAIRS.has(`${language}|${result.language}`)) return null;
        return result;
      }
    };
  },
});
