import { readWordList } from '../../lang/data.js';
import { OutletNames } from '../outlets.js';

/**
 * What the Indonesian/Malay model must not learn from: the marks of an
 * outlet's house style rather than of the language. Every Malaysian article of
 * one outlet starts `KUALA LUMPUR 11 Okt. -`, every Liputan6 article
 * `Liputan6.com, Jakarta -`; a model trained on them would call any text with
 * a Malaysian dateline Malay. Before training, these are blanked out:
 *
 * - a dateline opening a paragraph (`PUTRAJAYA -`, `KEMAMAN:`, `JAKARTA, KOMPAS.com -`,
 *   `Jakarta (ANTARA) -`, `KUALA LUMPUR 11 Okt. -`, `Ipoh:`);
 * - outlet names (`src/lang/{id,ms}/langid-outlets.txt`) and domain names anywhere;
 * - bylines and credits (`Penulis: …`, `Pewarta: …`, `(Foto: …)`, `(mdk/ded)`, `- Bernama`);
 * - words of an era rather than a language (`covid`: `src/lang/ms/langid-neutral.txt`).
 *
 * Place names in the body stay: they are evidence, weighed like any other word.
 */

const DOMAIN = String.raw`(?<![\p{L}\d])[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|co|net|org|tv|id|my)(?:\.(?:id|my))?(?![\p{L}\d])`;
/** A capitalised or upper-case token of a dateline, a date part, or an agency in brackets. */
const DATELINE_TOKEN = String.raw`(?:[\p{Lu}\d][\p{L}\d.'’!&]*(?:-[\p{Lu}\d][\p{L}\d.'’!&]*)*,?|\([\p{L} /]+\),?|\[[\p{L} ]+\])`;
/** Up to seven such tokens, then a dash with a space on at least one side (not `Negara-negara`). */
const DATELINE_DASH = String.raw`^${DATELINE_TOKEN}(?:\s+${DATELINE_TOKEN}){0,6}(?:\s+[-–—]{1,2}\s*|[-–—]{1,2}\s+)(?:\([\p{L} /]+\)\s*[-–—]{0,2}\s*)?`;
/** Up to three capitalised words before a colon (`KEMAMAN:`, `Ipoh:`, `Kuala Lumpur:`). */
const DATELINE_COLON = String.raw`^[\p{Lu}][\p{L}.'’]*(?:\s+[\p{Lu}][\p{L}.'’]*){0,2}\s?:\s`;
const BYLINE = [
  String.raw`\b(?:Penulis|Pewarta|Editor|Penyunting|Reporter|Wartawan|Sumber|Foto|Kredit|Credit|Teks|Gambar)\s*:\s*(?:[\p{Lu}][\p{L}.'’]*\s*){0,5}`,
  String.raw`^Oleh\s*:?\s+[\p{Lu}][^\n]{0,40}$`,
  String.raw`\bLaporan [Ww]artawan [\p{L}.]+(?:\s+[\p{Lu}][\p{L}]*){0,4}`,
  String.raw`\((?:[\p{L}]{1,10}\/){1,4}[\p{L}]{1,10}\)`,
  String.raw`\s[-–—]\s*(?:Foto\s+)?[\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+){0,3}\s*$`,
].join('|');

/** Sentence corpora split clitics and reduplications off (`naik - nya`, `tahu - menahu`). */
const SPLIT_CLITIC = /(\p{L}) - (nya|lah|kah|tah|pun|ku|mu)(?!\p{L})/gu;
const SPLIT_HYPHEN = /(\p{L}) - (\p{L})/gu;

/**
 * A dateline is upper case (`KUALA LUMPUR 11 Okt. -`), one word (`Roma -`), or
 * names a place and an outlet (`Liputan6.com, Jakarta -`, `Jakarta (ANTARA) -`);
 * two capitalised words before a dash (`Adapun Martinovich - yang`) are a sentence.
 */
function looksLikeDateline(opening: string): boolean {
  const head = opening.replace(/[-–—\s]+$/, '');
  if (/[,(\[]/.test(head)) return true;
  const words = head.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length <= 1) return true;
  // Upper case apart from a month abbreviation in a date (`11 Okt.`).
  return words.every((w, i) => w === w.toUpperCase() || (i > 0 && /^\p{Lu}\p{Ll}{2,8}\.?$/u.test(w) && /\d/.test(head)));
}

/** Whole words, any case, from the neutral-word list. */
function neutralWords(): RegExp {
  const words = readWordList('ms', 'langid-neutral.txt').map((w) => w.toLowerCase().replace(/[^\p{L}]/gu, ''));
  return new RegExp(`(?<!\\p{L})(?:${words.join('|') || '(?!)'})(?!\\p{L})`, 'giu');
}

export class TrainingMask {
  private readonly outlets: OutletNames;
  private readonly neutral = neutralWords();
  private readonly domain = new RegExp(DOMAIN, 'giu');
  private readonly datelineDash = new RegExp(DATELINE_DASH, 'u');
  private readonly datelineColon = new RegExp(DATELINE_COLON, 'u');
  private readonly byline = new RegExp(BYLINE, 'gmu');

  constructor(outlets = new OutletNames()) {
    this.outlets = outlets;
  }

  /** Rejoins what tokenised sentence corpora split (`naik - nya` → `naiknya`). */
  static rejoin(text: string): string {
    return text.replace(SPLIT_CLITIC, '$1$2').replace(SPLIT_HYPHEN, '$1-$2');
  }

  /**
   * `text` with bylines, outlet and domain names and neutral words replaced by a space, and its
   * opening dateline removed when `dateline` (paragraphs; titles have none).
   */
  apply(text: string, dateline = true): string {
    let out = text.trim().replace(this.byline, ' ').trim();
    if (dateline) {
      const dash = this.datelineDash.exec(out);
      if (dash && dash[0].length <= 80 && looksLikeDateline(dash[0])) out = out.slice(dash[0].length);
      else {
        const colon = this.datelineColon.exec(out);
        if (colon) out = out.slice(colon[0].length);
      }
    }
    out = this.outlets.mask(out.replace(this.domain, ' ')).replace(this.neutral, ' ');
    return out.replace(/[ \t]{2,}/g, ' ').trim();
  }
}
