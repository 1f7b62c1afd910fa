/**
 * The peers `npm run eval` compares warta with, each wrapped to return the
 * output contract's shapes (code-point spans, contract language codes), so the
 * same scorers apply. Libraries are loaded lazily and once.
 */
import { franc } from 'franc';
import { spanToCodePoints, utf16ToCodePointTable } from './scorers.js';

/** franc's ISO 639-3 codes to the contract's codes (ISO 639-1 where one exists). */
export const FRANC_TO_CONTRACT: Readonly<Record<string, string>> = {
  ind: 'id',
  zlm: 'ms',
  zsm: 'ms',
  msa: 'ms',
  eng: 'en',
  jav: 'jv',
  sun: 'su',
  nld: 'nl',
  cmn: 'zh',
  min: 'min',
  ban: 'ban',
  bjn: 'bjn',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  por: 'pt',
  ita: 'it',
  tgl: 'tl',
  ceb: 'ceb',
  und: 'und',
};

export function francLanguage(text: string): string {
  const code = franc(text);
  return FRANC_TO_CONTRACT[code] ?? code;
}

export interface PeerEntity {
  type: 'PERSON' | 'LOCATION' | 'ORGANIZATION';
  start: number;
  end: number;
  text: string;
}

type Compromise = typeof import('compromise').default;
let compromise: Compromise | undefined;
async function loadCompromise(): Promise<Compromise> {
  compromise ??= (await import('compromise')).default;
  return compromise;
}

const TRAILING = /[\s,;:!?"'“”‘’)\]}]+$/u;
const LEADING = /^[\s"'“”‘’([{]+/u;
const KEEP_FINAL_DOT = /(?:\b[A-Z]|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|Tbk|Bros|St|Dr|Mr|Mrs|Ms))\.$/u;

/** compromise includes neighbouring punctuation in its offsets (`Beijing,`); trim it so exact-span scoring is fair. */
export function trimPeerSpan(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  let piece = text.slice(s, e);
  for (;;) {
    const before = piece;
    const lead = piece.match(LEADING);
    if (lead) {
      s += lead[0].length;
      piece = piece.slice(lead[0].length);
    }
    const trail = piece.match(TRAILING);
    if (trail) {
      e -= trail[0].length;
      piece = piece.slice(0, piece.length - trail[0].length);
    }
    if (piece.endsWith('.') && !KEEP_FINAL_DOT.test(piece)) {
      e -= 1;
      piece = piece.slice(0, -1);
    }
    if (piece === before) break;
  }
  return [s, Math.max(s, e)];
}

/** compromise's people(), places() and organizations() as contract entities. */
export async function compromiseEntities(): Promise<(text: string) => PeerEntity[]> {
  const nlp = await loadCompromise();
  return (text) => {
    const doc = nlp(text);
    const table = utf16ToCodePointTable(text);
    const out: PeerEntity[] = [];
    const groups: [PeerEntity['type'], { offset: { start: number; length: number } }[]][] = [
      ['PERSON', doc.people().json({ offset: true })],
      ['LOCATION', doc.places().json({ offset: true })],
      ['ORGANIZATION', doc.organizations().json({ offset: true })],
    ];
    for (const [type, items] of groups) {
      for (const item of items) {
        const [s16, e16] = trimPeerSpan(text, item.offset.start, item.offset.start + item.offset.length);
        if (e16 <= s16) continue;
        const [start, end] = spanToCodePoints(text, s16, e16, table);
        out.push({ type, start, end, text: text.slice(s16, e16) });
      }
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
  };
}

/** compromise's sentences as code-point spans. */
export async function compromiseSentences(): Promise<(text: string) => [number, number][]> {
  const nlp = await loadCompromise();
  return (text) => {
    const table = utf16ToCodePointTable(text);
    return nlp(text)
      .sentences()
      .json({ offset: true })
      .map((s: { offset: { start: number; length: number } }) => spanToCodePoints(text, s.offset.start, s.offset.start + s.offset.length, table));
  };
}

/**
 * Place sentence strings returned by a tokenizer that gives no offsets back
 * into the text, left to right. A piece that cannot be found verbatim is
 * located by its first word run; failing that it is skipped (no boundary).
 */
export function alignPieces(text: string, pieces: readonly string[]): [number, number][] {
  const table = utf16ToCodePointTable(text);
  const spans: [number, number][] = [];
  let cursor = 0;
  for (const raw of pieces) {
    const piece = raw.trim();
    if (!piece) continue;
    let at = text.indexOf(piece, cursor);
    let end = at + piece.length;
    if (at < 0) {
      const head = piece.slice(0, Math.min(12, piece.length));
      at = text.indexOf(head, cursor);
      if (at < 0) continue;
      const tail = piece.slice(-Math.min(6, piece.length));
      const tailAt = text.indexOf(tail, at + head.length - 1);
      end = tailAt >= 0 ? tailAt + tail.length : at + piece.length;
    }
    spans.push(spanToCodePoints(text, at, Math.min(end, text.length), table));
    cursor = Math.min(end, text.length);
  }
  return spans;
}

/** natural's SentenceTokenizer (strings only, aligned back to offsets). */
export async function naturalSentences(): Promise<(text: string) => [number, number][]> {
  process.env.DOTENV_CONFIG_QUIET ??= 'true';
  const natural = (await import('natural')).default as unknown as {
    SentenceTokenizer: new (abbreviations?: string[]) => { tokenize(text: string): string[] };
  };
  const tokenizer = new natural.SentenceTokenizer();
  return (text) => {
    let pieces: string[];
    try {
      pieces = tokenizer.tokenize(text);
    } catch {
      pieces = [];
    }
    return alignPieces(text, pieces);
  };
}

/** Intl.Segmenter sentence granularity with the given locale. */
export function intlSentences(locale: string): (text: string) => [number, number][] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  return (text) => {
    const table = utf16ToCodePointTable(text);
    const out: [number, number][] = [];
    for (const seg of segmenter.segment(text)) out.push(spanToCodePoints(text, seg.index, seg.index + seg.segment.length, table));
    return out;
  };
}

export interface PeerDate {
  start: number;
  end: number;
  text: string;
  value: string;
  granularity: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * chrono-node's parser for a locale (`en` or `id`), against a reference date.
 * Value at the finest certain granularity: a known day (or weekday) gives
 * `YYYY-MM-DD`, a month `YYYY-MM`, a year `YYYY`.
 */
export async function chronoDates(locale: 'en' | 'id'): Promise<(text: string, reference: string | null) => PeerDate[]> {
  const chrono = await import('chrono-node');
  const parser = locale === 'en' ? chrono.en : chrono.id;
  return (text, reference) => {
    const ref = reference ? new Date(`${reference.slice(0, 10)}T12:00:00`) : new Date(Date.UTC(2000, 0, 1, 12));
    const table = utf16ToCodePointTable(text);
    return parser.parse(text, ref).map((r) => {
      const c = r.start;
      const d = c.date();
      let value: string;
      let granularity: string;
      if (c.isCertain('day') || c.isCertain('weekday') || (!c.isCertain('month') && !c.isCertain('year'))) {
        value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
        granularity = 'day';
      } else if (c.isCertain('month')) {
        value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
        granularity = 'month';
      } else {
        value = String(d.getFullYear());
        granularity = 'year';
      }
      const [start, end] = spanToCodePoints(text, r.index, r.index + r.text.length, table);
      return { start, end, text: r.text, value, granularity };
    });
  };
}
