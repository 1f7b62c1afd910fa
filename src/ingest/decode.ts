/**
 * Bytes to text for the plain formats (txt, json, jsonl, csv): a UTF-8 or
 * UTF-16 byte-order mark decides; otherwise UTF-8, and invalid sequences become
 * U+FFFD with a warning rather than failing the file. (HTML has its own charset
 * detection in `charset.ts`, since pages declare legacy encodings.)
 */
export interface DecodedText {
  text: string;
  warning?: { code: string; message: string };
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: false });

export function decodeText(buffer: Uint8Array): DecodedText {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: utf16le.decode(buffer) };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return { text: utf16be.decode(buffer) };
  return decodeWith(buffer, utf8Strict, utf8Lenient);
}

const utf8StrictKeepBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8LenientKeepBom = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * UTF-8 of a record cut out of a file: the file's byte-order mark is already gone, so a U+FEFF at
 * the record's start is text (as it was when the whole file was decoded at once).
 */
export function decodeUtf8(buffer: Uint8Array): DecodedText {
  return decodeWith(buffer, utf8StrictKeepBom, utf8LenientKeepBom);
}

function decodeWith(buffer: Uint8Array, strict: { decode(b: Uint8Array): string }, lenient: { decode(b: Uint8Array): string }): DecodedText {
  try {
    return { text: strict.decode(buffer) };
  } catch {
    const text = lenient.decode(buffer);
    let replaced = 0;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) replaced++;
    return {
      text,
      warning: { code: 'invalid-utf8', message: `invalid UTF-8: ${replaced} byte sequence(s) replaced with U+FFFD` },
    };
  }
}
