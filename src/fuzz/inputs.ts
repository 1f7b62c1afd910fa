/**
 * fast-check arbitraries for input files in every format warta reads, built from realistic
 * news (the bench corpus's seeded article factory) and then damaged: text mutations (control
 * and invisible characters, lone surrogates, CR/LF, quotes and delimiters, HTML-ish tags,
 * cuts and repeats), byte mutations (broken UTF-8, NUL, truncation), other encodings
 * (UTF-16 with a BOM), malformed JSON lines and CSV rows, deep and cluttered HTML.
 *
 * Every generated file says what a correct reader must make of it: for a file built record
 * by record (`known`), which records are good (their ids) and which must fail (their
 * indices); for a file damaged at the byte level only that every record is accounted for.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import type { InputFormat } from '../doc.js';
import { mulberry32 } from '../random.js';
import { ArticleFactory, toHtml, toTxt, type Gazetteer } from '../bench/corpus.js';

export interface FileExpectation {
  /** Built record by record: the good ids and the failing record indices are exact. */
  known: boolean;
  /** Ids of the records that must be written (for txt/html: the id derived from the path). */
  goodIds: string[];
  /** Record indices that must fail (null: the file itself). */
  badRecords: (number | null)[];
}

export interface GeneratedFile {
  /** File name (no folders), unique within a batch when built with `uniqueName`. */
  name: string;
  format: InputFormat;
  bytes: Buffer;
  expect: FileExpectation;
}

// ------------------------------------------------------------------ news text

/** Realistic article text: one seeded article of the bench corpus, Indonesian or English. */
export function newsArb(gazetteer: Gazetteer): fc.Arbitrary<{ title: string; body: string; txt: string; html: string; lang: 'id' | 'en' }> {
  // (from 800 bytes on, the factory writes at least one body paragraph after title and caption)
  return fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), en: fc.boolean(), bytes: fc.integer({ min: 800, max: 6000 }), variant: fc.nat(3) }).map(({ seed, en, bytes, variant }) => {
    const lang = en ? 'en' : 'id';
    const article = new ArticleFactory(mulberry32(seed), gazetteer).make(seed % 100000, lang, bytes);
    return { title: article.title, body: article.paragraphs.join('\n'), txt: toTxt(article, variant), html: toHtml(article), lang };
  });
}

// ------------------------------------------------------------------ text mutations

const NASTY = [
  '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u2028', '\u2029', '\ufeff', '\ufffe', '\u00ad',
  '\ud800', '\udbff', '\udc00', '\udfff', '\r', '\r\n', '\n', '\n\n', '\t', '\v', '\f', '"', "'", ',', ';', '""', '\\', '=', '+', '-', '@',
  '😀', '👩\u200d💻', '\u0301', 'e\u0301', '한국어', 'العربية', '<', '>', '&amp;', '<br>', '</p>', '<div>', '<script>', '{', '}', '[', ']',
  '(', ')', '...', '. ', '? ', '! ', 'A. B. C. ', 'Kamis (4/9', ') malam', '4/9/2025', '19.00 WIB', '1.500', 'U.S.', 'Prof. Dr.', 'http://x.id/a?b=c',
  '\n\n\n\n', '                ', '--------', '*****',
];

type TextMutation =
  | { op: 'insert'; at: number; what: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'repeat'; at: number; length: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'case'; upper: boolean };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, what: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 8 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 60 }), times: fc.integer({ min: 2, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('case' as const), upper: fc.boolean() }) },
);

export const textMutationsArb = fc.array(textMutationArb, { maxLength: 12 });

export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  for (const m of mutations) {
    if (m.op === 'case') {
      text = m.upper ? text.toUpperCase() : text.toLowerCase();
      continue;
    }
    const at = Math.floor(m.at * text.length);
    switch (m.op) {
      case 'insert':
        text = text.slice(0, at) + m.what + text.slice(at);
        break;
      case 'delete':
        text = text.slice(0, at) + text.slice(at + m.length);
        break;
      case 'repeat':
        text = text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at + m.length);
        break;
      case 'truncate':
        text = text.slice(0, Math.max(at, 1));
        break;
    }
  }
  return text;
}

// ------------------------------------------------------------------ bytes

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom';
const encodingArb = fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom');

/** Text to bytes; lone surrogates become what the encoder writes (U+FFFD in UTF-8, raw units in UTF-16). */
export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

type ByteMutation = { op: 'set'; at: number; value: number } | { op: 'insert'; at: number; bytes: readonly number[] } | { op: 'cut'; at: number };

const byteMutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(fc.constantFrom<readonly number[]>([0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xff], [0xed, 0xa0, 0x80], [0x00], [0xc0, 0xaf]), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 })),
  }),
  fc.record({ op: fc.constant('cut' as const), at: position }),
);

export function mutateBytes(bytes: Buffer, mutations: readonly ByteMutation[]): Buffer {
  let out = bytes;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    if (m.op === 'set') {
      if (out.length === 0) continue;
      out = Buffer.from(out);
      out[Math.min(at, out.length - 1)] = m.value;
    } else if (m.op === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
    else out = out.subarray(0, at);
  }
  return out;
}

// ------------------------------------------------------------------ records

type RecordKind = 'good' | 'no-body' | 'blank-body' | 'not-object' | 'malformed' | 'blank-line';

interface RecordPlan {
  kind: RecordKind;
  title: string | null;
  body: string;
  date: string | null;
}

const dateArb = fc.oneof(
  fc.constant(null),
  fc.constantFrom('2025-09-06', '2025-09-06T14:30:00+07:00', 'Sat, 06 Sep 2025 10:00:00 +0700', '06/09/2025', 'kemarin', '', 'not a date', '2025-13-45'),
);

function recordPlanArb(gazetteer: Gazetteer, kinds: RecordKind[]): fc.Arbitrary<RecordPlan> {
  return fc
    .record({ kind: fc.constantFrom(...kinds), news: newsArb(gazetteer), mutations: textMutationsArb, titled: fc.boolean(), date: dateArb })
    .map(({ kind, news, mutations, titled, date }) => {
      const body = mutateText(news.body, mutations);
      // A body that the damage left without any visible character is a record without body.
      const effective: RecordKind = kind === 'good' && body.trim() === '' ? 'blank-body' : kind;
      return { kind: effective, title: titled ? mutateText(news.title, mutations.slice(0, 2)) : null, body, date };
    });
}

function recordObject(plan: RecordPlan, id: string): unknown {
  switch (plan.kind) {
    case 'not-object':
      return [plan.body.slice(0, 40)];
    case 'no-body':
      return { id, title: plan.title, published_at: plan.date };
    case 'blank-body':
      return { id, title: plan.title, text: plan.body.trim() === '' ? plan.body : ' \n\t ' };
    default:
      return { id, ...(plan.title !== null ? { title: plan.title } : {}), text: plan.body, ...(plan.date !== null ? { published_at: plan.date } : {}) };
  }
}

/** A JSON line that does not parse (cut short, or garbage around it). */
function malformedLine(plan: RecordPlan, id: string): string {
  const json = JSON.stringify({ id, text: plan.body });
  const cut = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
  return cut.endsWith('}') ? `${cut},` : cut;
}

// ------------------------------------------------------------------ files

export interface FileOptions {
  /** Prefix for record ids, unique per file in a batch (e.g. `fz3-17`). */
  idPrefix: string;
  /** File name without extension. */
  baseName: string;
}

function jsonlFile(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  return fc.record({ plans: fc.array(recordPlanArb(gazetteer, ['good', 'good', 'good', 'no-body', 'blank-body', 'not-object', 'malformed', 'blank-line']), { minLength: 1, maxLength: 8 }), encoding: encodingArb, crlf: fc.boolean() }).map(({ plans, encoding, crlf }) => {
    const lines: string[] = [];
    const expect: FileExpectation = { known: true, goodIds: [], badRecords: [] };
    let record = 0;
    plans.forEach((plan, i) => {
      if (plan.kind === 'blank-line') {
        lines.push('');
        return;
      }
      const id = `${o.idPrefix}-${i}`;
      if (plan.kind === 'malformed') lines.push(malformedLine(plan, id));
      else lines.push(JSON.stringify(recordObject(plan, id)));
      if (plan.kind === 'good') expect.goodIds.push(id);
      else expect.badRecords.push(record);
      record++;
    });
    return { name: `${o.baseName}.jsonl`, format: 'jsonl' as const, bytes: encode(lines.join(crlf ? '\r\n' : '\n') + '\n', encoding), expect };
  });
}

function jsonFile(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  return fc.record({ plans: fc.array(recordPlanArb(gazetteer, ['good', 'good', 'good', 'no-body', 'blank-body', 'not-object']), { minLength: 1, maxLength: 6 }), single: fc.boolean(), encoding: encodingArb }).map(({ plans, single, encoding }) => {
    const expect: FileExpectation = { known: true, goodIds: [], badRecords: [] };
    if (single) {
      const plan = plans[0];
      const id = `${o.idPrefix}-0`;
      if (plan.kind === 'good') expect.goodIds.push(id);
      else expect.badRecords.push(null);
      // (an array would be a file of records: a lone non-object is a bare string)
      const value = plan.kind === 'not-object' ? plan.body.slice(0, 40) : recordObject(plan, id);
      return { name: `${o.baseName}.json`, format: 'json' as const, bytes: encode(JSON.stringify(value, null, 1), encoding), expect };
    }
    const items = plans.map((plan, i) => {
      const id = `${o.idPrefix}-${i}`;
      if (plan.kind === 'good') expect.goodIds.push(id);
      else expect.badRecords.push(i);
      return recordObject(plan, id);
    });
    return { name: `${o.baseName}.json`, format: 'json' as const, bytes: encode(JSON.stringify(items), encoding), expect };
  });
}

function csvFile(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  return fc.record({ plans: fc.array(recordPlanArb(gazetteer, ['good', 'good', 'good', 'no-body', 'blank-body']), { minLength: 1, maxLength: 6 }), encoding: encodingArb, quoteAll: fc.boolean() }).map(({ plans, encoding, quoteAll }) => {
    const expect: FileExpectation = { known: true, goodIds: [], badRecords: [] };
    const rows: string[][] = [['id', 'title', 'text', 'date']];
    plans.forEach((plan, i) => {
      const id = `${o.idPrefix}-${i}`;
      // csv-parse reads CR, LF and CRLF inside quotes; a NUL or lone surrogate survives as data.
      rows.push([id, plan.title ?? '', plan.kind === 'good' ? plan.body : plan.kind === 'blank-body' ? '   ' : '', plan.date ?? '']);
      if (plan.kind === 'good') expect.goodIds.push(id);
      else expect.badRecords.push(i);
    });
    const text = stringify(rows, { quoted: quoteAll, quote_record_delimiter: true });
    return { name: `${o.baseName}.csv`, format: 'csv' as const, bytes: encode(text, encoding), expect };
  });
}

function txtFile(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  return fc.record({ news: newsArb(gazetteer), mutations: textMutationsArb, encoding: encodingArb }).map(({ news, mutations, encoding }) => {
    const text = mutateText(news.txt, mutations);
    const bytes = encode(text, encoding);
    // Whitespace only is an empty file (a NUL is dealt with in fileArb).
    const good = text.replace(/^\uFEFF/, '').trim() !== '';
    return { name: `${o.baseName}.txt`, format: 'txt' as const, bytes, expect: { known: true, goodIds: good ? [o.baseName] : [], badRecords: good ? [] : [null] } };
  });
}

const CLUTTER = [
  '<div style="display:none"><p>Berlangganan newsletter kami sekarang juga untuk kabar terbaru setiap pagi.</p></div>',
  '<aside class="related"><h3>Berita Terkait</h3><ul><li><a href="/1">Harga cabai naik lagi</a></li><li><a href="/2">Banjir di Bekasi</a></li></ul></aside>',
  '<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>',
  '<figure><img src="a.jpg"><figcaption>Warga melintas di Jakarta, Senin (8/9/2025). ANTARA FOTO/Ari</figcaption></figure>',
  '<script>var x = "<p>bukan teks</p>";</script><style>p{color:red}</style>',
  '<form><input name="q"><button>Cari</button></form>',
  '<table><tr><td>1</td><td>Jakarta</td></tr><tr><td>2</td><td>Bandung</td></tr></table>',
  '<p>Updated 6 September 2025, 10:00 WIB</p>', '<p>© 2025 Harian Contoh. All rights reserved.</p>', '<!-- komentar <p>tersembunyi</p> -->',
  '<p>Tidak ditutup', '</div></div></section>', '<b><i>miring</b></i>', '<![CDATA[ x ]]>', '<p>&#xD800; &#0; &nbsp; &bogus; &#x1F600;</p>',
];

function htmlFile(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  return fc
    .record({
      news: newsArb(gazetteer),
      clutter: fc.array(fc.tuple(position, fc.constantFrom(...CLUTTER)), { maxLength: 6 }),
      depth: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3000 }) }),
      wrapper: fc.constantFrom('div', 'ul', 'table', 'span', 'section'),
      mutations: fc.oneof({ weight: 3, arbitrary: fc.constant([] as TextMutation[]) }, { weight: 1, arbitrary: textMutationsArb }),
      charset: fc.constantFrom('utf-8', 'windows-1252', ''),
    })
    .map(({ news, clutter, depth, wrapper, mutations, charset }) => {
      let html = news.html;
      if (charset !== 'utf-8') html = html.replace('<meta charset="utf-8">', charset ? `<meta charset="${charset}">` : '');
      for (const [at, piece] of clutter) {
        const bodyAt = html.indexOf('<article>');
        const i = bodyAt + Math.floor(at * (html.length - bodyAt));
        html = html.slice(0, i) + piece + html.slice(i);
      }
      if (depth > 0) {
        const [open, close] = wrapper === 'ul' ? ['<ul><li>', '</li></ul>'] : wrapper === 'table' ? ['<table><tr><td>', '</td></tr></table>'] : [`<${wrapper}>`, `</${wrapper}>`];
        html = html.replace('<article>', `${open.repeat(depth)}<article>`).replace('</article>', `</article>${close.repeat(depth)}`);
      }
      html = mutateText(html, mutations);
      // An undamaged page with a body (clutter and nesting do not remove the article) must be read.
      const known = mutations.length === 0 && charset === 'utf-8' && (news.body.match(/\p{L}/gu)?.length ?? 0) >= 40;
      return {
        name: `${o.baseName}.html`,
        format: 'html' as const,
        bytes: Buffer.from(html, 'utf8'),
        expect: known ? { known: true, goodIds: [o.baseName], badRecords: [] } : { known: false, goodIds: [], badRecords: [] },
      };
    });
}

/**
 * The readers' binary test (readers.ts): a NUL byte in the first 8 KB rejects the whole file,
 * unless a UTF-16 byte-order mark starts it. A single stray NUL in a CSV or JSONL export thus
 * loses every record of the file (reported; the fuzz suite models what the reader does).
 */
export function readAsBinary(bytes: Buffer): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return false;
  return bytes.subarray(0, 8192).includes(0);
}

/** Any file, with a small chance of byte-level damage (then only "every record accounted for" is known). */
export function fileArb(gazetteer: Gazetteer, o: FileOptions): fc.Arbitrary<GeneratedFile> {
  const built = fc.oneof(
    { weight: 3, arbitrary: txtFile(gazetteer, o) },
    { weight: 3, arbitrary: jsonlFile(gazetteer, o) },
    { weight: 2, arbitrary: jsonFile(gazetteer, o) },
    { weight: 2, arbitrary: csvFile(gazetteer, o) },
    { weight: 2, arbitrary: htmlFile(gazetteer, o) },
  );
  return fc
    .tuple(built, fc.oneof({ weight: 4, arbitrary: fc.constant([] as ByteMutation[]) }, { weight: 1, arbitrary: fc.array(byteMutationArb, { minLength: 1, maxLength: 5 }) }))
    .map(([file, byteMutations]) => {
      const bytes = byteMutations.length === 0 ? file.bytes : mutateBytes(file.bytes, byteMutations);
      if (readAsBinary(bytes)) return { ...file, bytes, expect: { known: true, goodIds: [], badRecords: [null] } };
      if (bytes.equals(file.bytes)) return file;
      return { ...file, bytes, expect: { known: false, goodIds: [], badRecords: [] } };
    });
}

/** The `index`-th file of a fuzz run: the same seed and index always give the same file. */
export function sampleFile(gazetteer: Gazetteer, seed: number, index: number): GeneratedFile {
  const arb = fileArb(gazetteer, { idPrefix: `fz${index}`, baseName: `f${index}` });
  return fc.sample(arb, { seed: (seed + index * 7919) | 0, numRuns: 1 })[0];
}
