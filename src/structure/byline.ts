/**
 * Bylines and credits: `Penulis: Tim Seputaran`, `Pewarta: A | Editor: B`, `Rep: A/ Red: B`,
 * `By JANE DOE`, `Reporting by Jane Doe in Washington; Editing by John Smith`, and the trailing
 * desk code `(ant/xyz)` that Indonesian outlets put after the last paragraph.
 */
import { findPublishedDate, stripWeekdays } from '../ingest/published-date.js';
import type { BylineRole, StructureLexicon } from './lexicon.js';

export interface BylineMatch {
  /** Author names from author labels (joined with `, `), or null. */
  author: string | null;
  /** Names from editor labels, used as author only when no author label exists. */
  editor: string | null;
  /** A publication date written on the byline line (`Oleh: A — Jumat, 5 September 2025`), ISO. */
  date?: string;
  /** An outlet named among the authors (`By Laura Gozzi, BBC News`). */
  source?: string;
}

const BULLET_RE = /^[-–—•·*>»]+\s*/u;
const MAX_BYLINE = 160;
const MAX_NAME_WORDS = 10;
/** `(ant/xyz)`, `(rdp/imk)`, `(dna)`, `[fik]`: lower-case desk initials in brackets at the end of a line. */
const TRAILING_CODE_RE = /(^|[\s.!?"”’)\]])(?:\(([a-z]{2,6}(?:\/[a-z]{2,6}){0,3})\)|\[([a-z]{2,6}(?:\/[a-z]{2,6}){0,3})\])\s*$/u;
const SENTENCE_RE = /[.!?]\s+\p{Ll}|[.!?]\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u;
const NAME_SEPARATOR_RE = /\s*(?:,|;|&|\/|\||\band\b|\bdan\b)\s*/iu;

const CAPITALISED_RE = /^[\p{Lu}\p{N}]/u;
const NAME_CONNECTORS = new Set(['dan', 'and', '&', 'in', 'di', 'bin', 'binti', 'van', 'von', 'der', 'de', 'da', 'al', 'el', 'la', 'le', 'y']);

export class BylineParser {
  private readonly noColonRe: RegExp;
  private readonly bareLabelRe: RegExp;

  constructor(
    private readonly lex: StructureLexicon,
    private readonly isOutlet: (s: string) => boolean = (s) => lex.outlets.has(s.toLowerCase()),
  ) {
    const escape = (l: string) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
    const labels = [...lex.bylineLabels.keys()].sort((a, b) => b.length - a.length);
    // Labels that also work without a colon: the `by` forms, `Oleh`, `Laporan wartawan ...`.
    const noColon = labels.filter((l) => /(^|\s)by$/.test(l) || l === 'oleh' || l.startsWith('laporan'));
    this.noColonRe = new RegExp(`^(${noColon.map(escape).join('|')})\\s+(?=\\S)`, 'iu');
    this.bareLabelRe = new RegExp(`^(${labels.map(escape).join('|')})\\s+(?=\\S)`, 'iu');
  }

  /** A whole line as byline (labels with colons; with `allowNoColon`, `By X` forms too). */
  parse(rawLine: string, allowNoColon: boolean): BylineMatch | null {
    let line = rawLine.replace(BULLET_RE, '').trim();
    if (line.startsWith('(') && line.endsWith(')') && !line.slice(1, -1).includes('(')) line = line.slice(1, -1).trim();
    if (line.length === 0 || line.length > MAX_BYLINE) return null;

    let pieces: { label: string; value: string }[] | null = null;
    let strictNames = false;
    const labelled = this.lex.bylineLabelRe.exec(line);
    if (labelled) {
      pieces = this.splitLabelled(line);
    } else if (allowNoColon) {
      strictNames = true;
      const m = this.noColonRe.exec(line);
      if (m) {
        // `Reporting by A in X; Editing by B` or `By JANE DOE, Associated Press`.
        pieces = [];
        for (const part of line.split(/\s*;\s*/)) {
          const pm = this.noColonRe.exec(part) ?? this.lex.bylineLabelRe.exec(part);
          if (!pm) return null;
          pieces.push({ label: pm[1], value: part.slice(pm[0].length) });
        }
      } else if (line.includes('|')) {
        // `Penulis Dian Erika | Editor Bagus Santosa` (labels without colons, several on one line).
        pieces = [];
        for (const part of line.split(/\s*\|\s*/)) {
          const pm = this.bareLabelRe.exec(part);
          if (!pm) return null;
          pieces.push({ label: pm[1], value: part.slice(pm[0].length) });
        }
        if (pieces.length < 2) return null;
      }
    }
    if (!pieces || pieces.length === 0) return null;
    if (strictNames && !pieces.every((p) => this.looksLikeNames(p.value))) return null;

    let author: string[] = [];
    let editor: string[] = [];
    let date: string | undefined;
    let source: string | undefined;
    for (let { label, value } of pieces) {
      // `Rina Nurjanah — Jumat, 5 September 2025 16:10 WIB`: the date is not part of the name.
      const found = findPublishedDate(value);
      if (found) {
        date ??= found.value;
        value = stripTrailingWeekday(value.slice(0, found.start));
        if (value === '') return null;
      }
      const role: BylineRole = this.lex.bylineLabels.get(label.toLowerCase().replace(/\s+/g, ' ')) ?? 'credit';
      if (!this.plausibleValue(value)) return null;
      const names = role === 'credit' ? [] : this.names(value);
      if (role !== 'credit') source ??= this.outletIn(value);
      if (role === 'author' && author.length === 0) author = names;
      if (role === 'editor' && editor.length === 0) editor = names;
    }
    return {
      author: author.length ? author.join(', ') : null,
      editor: editor.length ? editor.join(', ') : null,
      ...(date ? { date } : {}),
      ...(source ? { source } : {}),
    };
  }

  private splitLabelled(line: string): { label: string; value: string }[] | null {
    const re = this.lex.bylineSplitRe;
    re.lastIndex = 0;
    const parts: string[] = [];
    let last = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m.index === 0) continue;
      parts.push(line.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
    }
    parts.push(line.slice(last));
    const pieces: { label: string; value: string }[] = [];
    for (const part of parts) {
      const m = this.lex.bylineLabelRe.exec(part);
      if (!m) return null;
      pieces.push({ label: m[1], value: part.slice(m[0].length).trim() });
    }
    return pieces;
  }

  /** Every word capitalised, apart from connectors (`dan`, `and`, `bin`, `van` ...) and a trailing date. */
  private looksLikeNames(value: string): boolean {
    const words = value.replace(/[,;|]/g, ' ').split(/\s+/).filter(Boolean);
    if (words.length === 0 || words.length > MAX_NAME_WORDS * 2) return false;
    for (const w of words) {
      if (CAPITALISED_RE.test(w) || NAME_CONNECTORS.has(w.toLowerCase())) continue;
      if (findPublishedDate(value)) continue;
      return false;
    }
    return true;
  }

  private plausibleValue(value: string): boolean {
    if (value === '' || value.length > 100) return false;
    if (SENTENCE_RE.test(value)) return false;
    return value.split(/\s+/).length <= MAX_NAME_WORDS * 2;
  }

  /** `Jane Doe in Washington and John Smith` -> [Jane Doe, John Smith]; `JANE DOE, Associated Press` -> [Jane Doe]. */
  names(value: string): string[] {
    const out: string[] = [];
    for (let part of value.replace(/[.。]+$/u, '').split(NAME_SEPARATOR_RE)) {
      part = part.replace(/\s+in\s+\p{Lu}.*$/u, '').trim();
      if (!part || this.isOutlet(part)) continue;
      if (part.split(/\s+/).length > MAX_NAME_WORDS) continue;
      out.push(recaseName(part));
    }
    return out;
  }

  /** The first outlet among the comma-separated parts of a byline value. */
  private outletIn(value: string): string | undefined {
    for (const part of value.split(NAME_SEPARATOR_RE)) {
      const p = part.trim();
      if (p && this.isOutlet(p)) return p;
    }
    return undefined;
  }

  /** `(ant/xyz)` at the end of a line: its start (relative to the line) and the code. */
  trailingCode(line: string): { start: number; code: string } | null {
    const m = TRAILING_CODE_RE.exec(line);
    if (!m) return null;
    return { start: m.index + m[1].length, code: m[2] ?? m[3] };
  }
}

const TRAILING_SEPARATORS_RE = /[\s,|·•—–-]+$/u;
const LAST_WORD_RE = /^(.*?)[\s,|·•—–-]+([^\s,|·•—–-]+)$/u;

/** `Rina Nurjanah — Jumat, ` -> `Rina Nurjanah`. */
function stripTrailingWeekday(s: string): string {
  s = s.replace(TRAILING_SEPARATORS_RE, '');
  const m = LAST_WORD_RE.exec(s);
  if (m && stripWeekdays(m[2]).trim() === '') s = m[1].replace(TRAILING_SEPARATORS_RE, '');
  return s.trim();
}

/** `JANE DOE` -> `Jane Doe`; names already in mixed case are kept as written. */
export function recaseName(name: string): string {
  if (/\p{Ll}/u.test(name) || !/\p{Lu}{2}/u.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s\-'’.])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
