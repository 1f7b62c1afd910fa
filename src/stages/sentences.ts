import { ANALYSED_SECTIONS, type Doc } from '../doc.js';
import { defineStage } from '../stage.js';
import { buildRules, type SplitRules } from '../sentences/rules.js';
import { splitSentences } from '../sentences/split.js';
import { segmentWithIntl } from '../sentences/intl.js';

export interface SentencesOptions {
  /** Extra abbreviations (without the final stop) that never end a sentence, for every language. */
  abbreviations: string[];
  /** Extra abbreviations that end a sentence when a capitalised word follows. */
  terminalAbbreviations: string[];
  /**
   * Languages split with the rules, mapped to the language whose lists come first: the
   * Indonesian lists also serve Malay and the regional languages of Indonesia. `"*"`: no
   * preference. All lists apply in every case; only their priority changes.
   */
  ruleLanguages: Record<string, string>;
  /** Split languages without rules with `Intl.Segmenter` for that locale (else with the `und` rules). */
  intlFallback: boolean;
  /** Below this language confidence the detected language is not trusted and the `und` rules apply. */
  minIntlConfidence: number;
  /**
   * More sentences than this in one article fail it with an error instead of exhausting the
   * worker's memory: 10 MB of news has about 110,000; millions come only from junk (`Ya. Ya.`).
   */
  maxSentences: number;
}

/** The error an article with more than `maxSentences` sentences fails with. */
export class TooManySentencesError extends Error {
  override name = 'TooManySentencesError';
}

const DEFAULT_RULE_LANGUAGES: Record<string, string> = {
  id: 'id',
  ms: 'id',
  jv: 'id',
  su: 'id',
  min: 'id',
  ban: 'id',
  bjn: 'id',
  ace: 'id',
  bug: 'id',
  mad: 'id',
  en: 'en',
  und: '*',
};

const LIST_LANGUAGES = ['id', 'en'];

/** Sentence spans inside analysed sections, with rules for Indonesian/Malay and English. */
export const sentencesStage = defineStage<SentencesOptions>({
  name: 'sentences',
  description: 'Sentence spans inside analysed sections (rules for Indonesian, Malay, English; Intl.Segmenter otherwise)',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      abbreviations: { type: 'array', items: { type: 'string' } },
      terminalAbbreviations: { type: 'array', items: { type: 'string' } },
      ruleLanguages: { type: 'object', additionalProperties: { type: 'string' } },
      intlFallback: { type: 'boolean' },
      minIntlConfidence: { type: 'number', minimum: 0, maximum: 1 },
      maxSentences: { type: 'integer', minimum: 1 },
    },
  },
  defaults: { abbreviations: [], terminalAbbreviations: [], ruleLanguages: DEFAULT_RULE_LANGUAGES, intlFallback: true, minIntlConfidence: 0.5, maxSentences: 500_000 },
  setup(options) {
    const extra = { prefix: options.abbreviations, terminal: options.terminalAbbreviations };
    const ruleLanguages = { ...DEFAULT_RULE_LANGUAGES, ...options.ruleLanguages };
    const rulesByList = new Map<string, SplitRules>();
    const rulesFor = (list: string): SplitRules => {
      let rules = rulesByList.get(list);
      if (!rules) {
        // Every language's lists apply (English company names and titles occur in Indonesian
        // news and the reverse); the document's language wins where they disagree.
        const codes = [...new Set([...(list === '*' ? [] : [list]), ...LIST_LANGUAGES])];
        rules = buildRules(codes, extra, list === 'id', list === '*' ? LIST_LANGUAGES : [list]);
        rulesByList.set(list, rules);
      }
      return rules;
    };
    // Load the common lists now, so the first document does not pay for it.
    rulesFor('id');
    rulesFor('en');
    rulesFor('*');

    // Per language tag: the rules to use when the language is trusted / not trusted.
    interface Choice {
      base: string;
      trusted: SplitRules | undefined;
      untrusted: SplitRules | undefined;
    }
    const choices = new Map<string, Choice>();
    const choose = (language: string): Choice => {
      let choice = choices.get(language);
      if (!choice) {
        const code = language.toLowerCase();
        const base = code.split(/[-_]/)[0] || 'und';
        const list = ruleLanguages[code] ?? ruleLanguages[base];
        choice = {
          base,
          trusted: list !== undefined ? rulesFor(list) : options.intlFallback ? undefined : rulesFor('*'),
          untrusted: rulesFor(list ?? '*'),
        };
        choices.set(language, choice);
      }
      return choice;
    };

    // One collector, reused: the runner is synchronous and documents never interleave.
    let sentences: Doc['sentences'] = [];
    let section = -1;
    const max = options.maxSentences;
    const emit = (start: number, end: number): void => {
      if (sentences.length === max) {
        sentences = [];
        throw new TooManySentencesError(`more than ${max} sentences (sentences option maxSentences): not prose; not analysed`);
      }
      sentences.push({ index: sentences.length, start, end, section });
    };

    return (doc: Doc) => {
      const choice = choose(doc.language ?? 'und');
      const trusted = (doc.language_confidence ?? 1) >= options.minIntlConfidence;
      const rules = trusted ? choice.trusted : choice.untrusted;
      const text = doc.text;
      sentences = [];
      section = -1;
      const sections = doc.sections;
      if (sections.length === 0) {
        if (rules) splitSentences(text, 0, text.length, rules, emit);
        else segmentWithIntl(text, 0, text.length, choice.base, emit);
      } else {
        for (let index = 0; index < sections.length; index++) {
          const s = sections[index];
          if (!ANALYSED_SECTIONS.has(s.type)) continue;
          section = index;
          if (rules) splitSentences(text, s.start, s.end, rules, emit);
          else segmentWithIntl(text, s.start, s.end, choice.base, emit);
        }
      }
      doc.sentences = sentences;
      sentences = [];
    };
  },
});
