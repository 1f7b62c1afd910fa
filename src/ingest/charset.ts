/**
 * Bytes of an HTML page to text. The encoding comes from, in order:
 *   1. a byte-order mark (UTF-8, UTF-16LE/BE);
 *   2. `<meta charset="...">`, `<meta http-equiv="Content-Type" content="...; charset=...">`
 *      or an XML declaration, looked for in the first 4 KB (labels as browsers read them:
 *      `iso-8859-1`, `latin1` and `us-ascii` mean windows-1252);
 *   3. sniffing: valid UTF-8 is UTF-8, anything else windows-1252.
 * A page declared UTF-8 whose bytes are not valid UTF-8 is decoded as windows-1252, with a warning.
 */
import iconv from 'iconv-lite';

export interface DecodedHtml {
  text: string;
  /** The encoding used, lower-case (`utf-8`, `windows-1252`, `iso-8859-2`, ...). */
  encoding: string;
  /** How it was decided. */
  via: 'bom' | 'meta' | 'sniff';
  warning?: { code: string; message: string };
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const PRESCAN_BYTES = 4096;
const META_CHARSET_RE = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;
const XML_DECL_RE = /^<\?xml\b[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i;

/** Labels browsers treat as windows-1252 (WHATWG Encoding Standard). */
const WINDOWS_1252_ALIASES = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
  'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
]);
const UTF8_ALIASES = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8']);

export function canonicalEncoding(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (UTF8_ALIASES.has(l)) return 'utf-8';
  if (WINDOWS_1252_ALIASES.has(l)) return 'windows-1252';
  // A page cannot really be UTF-16 if the declaration could be read as ASCII.
  if (l === 'utf-16' || l === 'utf-16le' || l === 'utf-16be') return 'utf-8';
  if (l === 'gb2312' || l === 'x-gbk') return 'gbk';
  return iconv.encodingExists(l) ? l : null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodeWith(bytes: Buffer, encoding: string): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return iconv.decode(bytes, encoding, { stripBOM: true });
}

/** The encoding an HTML page declares in its first bytes, or null. */
export function declaredEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const m = XML_DECL_RE.exec(head) ?? META_CHARSET_RE.exec(head);
  return m ? m[1] : null;
}

export function decodeHtml(bytes: Buffer): DecodedHtml {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith(bytes.subarray(3), 'utf-8'), encoding: 'utf-8', via: 'bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', via: 'bom' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', via: 'bom' };
  }
  const label = declaredEncoding(bytes);
  if (label) {
    const encoding = canonicalEncoding(label);
    if (encoding === 'utf-8') {
      if (isValidUtf8(bytes)) return { text: decodeWith(bytes, 'utf-8'), encoding, via: 'meta' };
      return {
        text: decodeWith(bytes, 'windows-1252'),
        encoding: 'windows-1252',
        via: 'sniff',
        warning: { code: 'charset-mismatch', message: 'page declares UTF-8 but its bytes are not valid UTF-8; decoded as windows-1252' },
      };
    }
    if (encoding) return { text: decodeWith(bytes, encoding), encoding, via: 'meta' };
    const fallback = isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
    return {
      text: decodeWith(bytes, fallback),
      encoding: fallback,
      via: 'sniff',
      warning: { code: 'unknown-charset', message: `unknown charset ${JSON.stringify(label)}; decoded as ${fallback}` },
    };
  }
  if (isValidUtf8(bytes)) return { text: decodeWith(bytes, 'utf-8'), encoding: 'utf-8', via: 'sniff' };
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', via: 'sniff' };
}
