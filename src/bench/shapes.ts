/**
 * Seeded single articles of a chosen size and shape for the scaling bench: ordinary news
 * text, and the adversarial shapes that once made a stage super-linear (initials, one long
 * line, capitalised words without punctuation, names with titles, particles, listed places and
 * web names in one sentence (the mention rules once looked tokens up by scanning the sentence), numbers and slashes, quotes and brackets,
 * Dutch text that goes to `Intl.Segmenter`, a big HTML table, deeply nested HTML). The same
 * shape, size and seed give the same text.
 */
import { mulberry32 } from '../random.js';
import { ArticleFactory, loadGazetteer, type Gazetteer } from './corpus.js';
import * as V from './vocab.js';

export const SHAPES = [
  'news-id',
  'news-en',
  'one-line',
  'initials',
  'capitalised',
  'names',
  'numbers',
  'numbers-dates',
  'quotes',
  'dutch',
  'html-table',
  'html-deep',
] as const;
export type Shape = (typeof SHAPES)[number];

export interface ShapedArticle {
  shape: Shape;
  format: 'txt' | 'html';
  /** The article text (txt) or page source (html). */
  content: string;
}

const DUTCH = [
  'De gemeenteraad van {CITY} besloot dinsdag om het nieuwe busstation later te openen dan gepland.',
  'Volgens de wethouder zijn de kosten van het project het afgelopen jaar met bijna twintig procent gestegen.',
  'Bewoners van de wijk klagen al maanden over lawaai en stof van de bouwplaats.',
  '"We hebben begrip voor de zorgen, maar de werkzaamheden moeten doorgaan," zei een woordvoerder.',
  'Het kabinet in Den Haag wil volgend jaar extra geld uittrekken voor het openbaar vervoer in de regio.',
  'De provincie onderzoekt of een deel van de route ondergronds kan worden aangelegd.',
  'Een meerderheid van de raad steunde het voorstel na een lang debat dat tot middernacht duurde.',
  'Daarnaast wordt gekeken naar betere fietsverbindingen tussen het station en het centrum.',
  'De oppositie noemde het besluit onverstandig en vroeg om een onafhankelijk onderzoek.',
  'Het nieuwe station moet uiteindelijk plaats bieden aan ruim dertigduizend reizigers per dag.',
];

const QUOTE_PIECES = ['"', "'", '(', ')', '[', ']', '«', '»', '“', '”', '‘', '’', '."', '?)', '!"', ', "', '."\n', ')', '...'];

/** The article factory of the bench corpus, loaded once. */
let gazetteer: Promise<Gazetteer> | null = null;

async function newsParagraphs(lang: 'id' | 'en', bytes: number, seed: number): Promise<{ title: string; paragraphs: string[] }> {
  gazetteer ??= loadGazetteer();
  const factory = new ArticleFactory(mulberry32(seed), await gazetteer);
  const article = factory.make(0, lang, bytes);
  return { title: article.title, paragraphs: article.paragraphs };
}

/** Repeat `piece()` until the text reaches `bytes` UTF-8 bytes (ASCII-dominated shapes: length ≈ bytes). */
function fill(bytes: number, piece: () => string): string {
  const parts: string[] = [];
  let n = 0;
  while (n < bytes) {
    const p = piece();
    parts.push(p);
    n += Buffer.byteLength(p);
  }
  return parts.join('');
}

export async function shapedArticle(shape: Shape, bytes: number, seed = 20250906): Promise<ShapedArticle> {
  const r = mulberry32(seed ^ bytes);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const txt = (content: string): ShapedArticle => ({ shape, format: 'txt', content });
  switch (shape) {
    case 'news-id':
    case 'news-en': {
      const { title, paragraphs } = await newsParagraphs(shape === 'news-id' ? 'id' : 'en', bytes, seed);
      return txt(`${title}\n\n${paragraphs.join('\n')}\n`);
    }
    case 'one-line': {
      const { title, paragraphs } = await newsParagraphs('id', bytes, seed);
      return txt(`${title} ${paragraphs.join(' ')}`);
    }
    case 'initials':
      return txt(fill(bytes, () => `${String.fromCharCode(65 + int(0, 25))}. `));
    case 'capitalised': {
      const words = [...V.ID_GIVEN, ...V.ID_FAMILY, ...V.EN_FAMILY, ...V.ID_ORGS.map((o) => o[0]), ...V.ID_MONTHS];
      return txt(fill(bytes, () => `${pick(words)} `));
    }
    case 'names': {
      const person = () => `${pick(V.ID_GIVEN)} ${pick(V.ID_FAMILY)}`;
      const pieces = [
        () => `bertemu Presiden ${person()} `,
        () => `Menkeu ${person()} `,
        () => `${pick(V.ID_GIVEN)} bin ${pick(V.ID_FAMILY)} `,
        () => `di Jakarta dan Beijing `,
        () => `Pemkot Surabaya `,
        () => `${pick(V.ID_FAMILY)}-${pick(V.ID_FAMILY)} `,
        () => `Kompas.com `,
        () => `Kementerian Keuangan dan Bank Indonesia `,
        () => `Sri ${person()} `,
      ];
      return txt(fill(bytes, () => pick(pieces)()));
    }
    case 'numbers':
      return txt(
        fill(bytes, () => {
          const x = r();
          if (x < 0.3) return `${int(1, 31)}/${int(1, 12)} `;
          if (x < 0.45) return `${int(1, 31)}/${int(1, 12)}/${int(1990, 2030)} `;
          if (x < 0.6) return `${int(1, 999)}.${String(int(0, 999)).padStart(3, '0')} `;
          if (x < 0.7) return `${int(0, 99)},${int(0, 9)} `;
          if (x < 0.8) return `${int(0, 23)}.${String(int(0, 59)).padStart(2, '0')} `;
          if (x < 0.9) return `${int(1, 9)}/${int(1, 9)}/${int(1, 9)}/${int(1, 9)} `;
          return `${int(1, 99999)} `;
        }),
      );
    case 'numbers-dates':
      return txt(
        fill(bytes, () => {
          const x = r();
          if (x < 0.25) return `Pada ${int(1, 28)} ${pick(V.ID_MONTHS)} ${int(1990, 2030)} pukul ${int(0, 23)}.${String(int(0, 59)).padStart(2, '0')} WIB, `;
          if (x < 0.45) return `${pick(V.ID_WEEKDAYS)} (${int(1, 28)}/${int(1, 12)}) ${pick(['malam', 'pagi', 'siang'])} `;
          if (x < 0.6) return `sebanyak ${int(1, 999)}.${String(int(0, 999)).padStart(3, '0')} orang `;
          if (x < 0.75) return `${int(1, 28)}-${int(1, 28)} ${pick(V.ID_MONTHS)} ${int(1990, 2030)}. `;
          if (x < 0.9) return `${pick(V.ID_RELATIVE)} `;
          return `${int(1, 31)}/${int(1, 12)}/${int(1990, 2030)}; `;
        }),
      );
    case 'quotes': {
      const words = ['kata', 'dia', 'Jakarta', 'kami', 'siap', 'menang', 'said', 'the', 'minister'];
      return txt(fill(bytes, () => (r() < 0.55 ? pick(QUOTE_PIECES) : ` ${pick(words)}`)));
    }
    case 'dutch': {
      const cities = ['Utrecht', 'Arnhem', 'Zwolle', 'Groningen', 'Leiden', 'Haarlem'];
      const title = 'Nieuw busstation later open\n\n';
      return txt(title + fill(bytes, () => `${pick(DUTCH).replace('{CITY}', pick(cities))}${r() < 0.25 ? '\n' : ' '}`));
    }
    case 'html-table': {
      const lead = '<p>Pemerintah provinsi menyiapkan 1.200 petugas untuk mengatur lalu lintas selama pekan depan, kata Kepala Dinas Perhubungan di Jakarta, Senin (8/9/2025).</p>';
      const rows = fill(bytes, () => {
        const n = int(1, 9999);
        return `<tr><td>${n}</td><td>${pick(V.ID_FAMILY)}</td><td>Rp ${int(1, 999)}.${String(int(0, 999)).padStart(3, '0')}</td><td>${int(1, 28)}/${int(1, 12)}/2025</td><td>${pick(V.ID_MONTHS)}</td></tr>\n`;
      });
      return { shape, format: 'html', content: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Data petugas</title></head><body><article><h1>Data petugas</h1>${lead}<table>${rows}</table></article></body></html>` };
    }
    case 'html-deep': {
      const { paragraphs } = await newsParagraphs('id', bytes / 2, seed);
      // Half the bytes are wrappers: every paragraph opens three more levels that never close before the end.
      const body = fill(bytes, () => `<div class="w${int(0, 9)}"><section><div>${`<p>${pick(paragraphs)}</p>`}`);
      return { shape, format: 'html', content: `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Berita</title></head><body>${body}</body></html>` };
    }
  }
}
