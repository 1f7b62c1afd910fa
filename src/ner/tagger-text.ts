/**
 * The text the English tagger reads: typographic quotes as their ASCII forms
 * (`’` → `'`, `‘` → `'`, `“”„` → `"`). Its training splits are nearly all
 * ASCII (CoNLL-2003 and wikigold have no typographic quote, the tweets a few
 * hundred), while much current news is typographic, and an unseen shape
 * (`’x`) left `’s` without the features that keep a possessive out of a
 * name: `Qwest’s` was tagged whole and `Azmin’s` missed, where `Qwest's` and
 * `Azmin's` are right. Each replacement is one UTF-16 unit for one, so every
 * offset into the folded text is the same offset into the original; spans and
 * entity texts are still cut from the original.
 */

const TYPOGRAPHIC_RE = /[‘’‛“”„]/g;
const TYPOGRAPHIC_TEST = /[‘’‛“”„]/;

function ascii(c: string): string {
  return c === '“' || c === '”' || c === '„' ? '"' : "'";
}

/** `text` with typographic quotes as ASCII ones (the same string when it has none). */
export function taggerText(text: string): string {
  return TYPOGRAPHIC_TEST.test(text) ? text.replace(TYPOGRAPHIC_RE, ascii) : text;
}
