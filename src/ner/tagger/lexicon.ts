import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Indonesian root-word dictionary (the `kata-dasar` list shipped with the
 * `natural` package's Indonesian stemmer), used as a "this is an ordinary
 * word" feature: `Tegaskan`, `Perkuat`, `Siap` are capitalised in headlines
 * but their roots are common words, unlike most names.
 */
let roots: Set<string> | null = null;

export function rootWords(): Set<string> {
  if (roots) return roots;
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('natural/package.json'));
    const list = JSON.parse(
      readFileSync(path.join(dir, 'lib', 'natural', 'stemmers', 'indonesian', 'data', 'kata-dasar.json'), 'utf8'),
    ) as string[];
    roots = new Set(list);
  } catch {
    roots = new Set();
  }
  return roots;
}

const SUFFIXES = ['nya', 'lah', 'kah', 'kan', 'an', 'i'];
const PREFIXES: Array<[string, string]> = [
  ['meny', 's'], ['meng', 'k'], ['meng', ''], ['mem', 'p'], ['mem', ''], ['men', 't'], ['men', ''], ['me', ''],
  ['peny', 's'], ['peng', 'k'], ['peng', ''], ['pem', 'p'], ['pem', ''], ['pen', 't'], ['pen', ''], ['per', ''], ['pe', ''],
  ['di', ''], ['ter', ''], ['ber', ''], ['be', ''], ['ke', ''], ['se', ''],
];

/**
 * 'r' when the lowercased word is a root word, 'a' when stripping common
 * Indonesian affixes yields one, '-' otherwise.
 */
export function rootClass(lower: string, dict: Set<string>): 'r' | 'a' | '-' {
  if (dict.size === 0 || lower.length < 2) return '-';
  if (dict.has(lower)) return 'r';
  if (lower.length < 5) return '-';
  const bases = [lower];
  for (const suf of SUFFIXES) {
    if (lower.length > suf.length + 2 && lower.endsWith(suf)) {
      const b = lower.slice(0, -suf.length);
      if (dict.has(b)) return 'a';
      bases.push(b);
      // -kannya, -annya
      for (const suf2 of ['kan', 'an', 'i']) {
        if (b.length > suf2.length + 2 && b.endsWith(suf2)) {
          const b2 = b.slice(0, -suf2.length);
          if (dict.has(b2)) return 'a';
          bases.push(b2);
        }
      }
    }
  }
  for (const b of bases) {
    for (const [pre, restore] of PREFIXES) {
      if (b.length > pre.length + 2 && b.startsWith(pre)) {
        const stem = restore + b.slice(pre.length);
        if (dict.has(stem)) return 'a';
      }
    }
  }
  return '-';
}
