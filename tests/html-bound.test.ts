/**
 * Pathological nesting is bounded before the HTML parser (source) and before Readability
 * (DOM), keeping the text and its paragraph breaks; ordinary pages are left untouched.
 * Speed on deep pages is measured by `npm run bench` (the deep-HTML shape), not here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { boundDomDepth, boundSourceDepth } from '../src/ingest/html-bound.js';
import { blockText, readHtml } from '../src/ingest/html.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/ingest');
const SENTENCE = 'Pemerintah provinsi menyiapkan 1.200 petugas untuk mengatur lalu lintas selama pekan depan di Jakarta.';

function depthOf(html: string): number {
  const { document } = parseHTML(html);
  let max = 0;
  const stack: [any, number][] = [[document.documentElement, 0]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    max = Math.max(max, d);
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return max;
}

describe('boundSourceDepth', () => {
  it('returns an ordinary page as the same string', () => {
    for (const file of ['kompas-jsonld.html', 'detik-nested.html', 'bernama-opengraph.html']) {
      const html = readFileSync(path.join(FIXTURES, file), 'latin1');
      expect(boundSourceDepth(html)).toBe(html);
    }
  });

  it('drops tags nested deeper than the bound, keeps every text and a break for each dropped block', () => {
    const html = `<html><body>${'<div><span>'.repeat(30)}<p>${SENTENCE}</p>${'</span></div>'.repeat(30)}<p>Akhir.</p></body></html>`;
    const bounded = boundSourceDepth(html, 10);
    expect(bounded).not.toBe(html);
    expect(depthOf(bounded)).toBeLessThanOrEqual(12);
    const { document } = parseHTML(bounded);
    expect(blockText(document.body as never)).toBe(`${SENTENCE}\nAkhir.`);
  });

  it('does not count elements the parser closes implicitly (p, li, td) or void ones, and skips comments and scripts', () => {
    const items = '<li>butir'.repeat(5000);
    const html = `<html><body><!-- <div><div><div> --><script>${'<div>'.repeat(50)}</script><ul>${items}</ul><br><img src="x"></body></html>`;
    expect(boundSourceDepth(html, 20)).toBe(html);
  });

  it('handles a page of unclosed tags and a `<` without `>`', () => {
    const html = `<html><body>${'<b>'.repeat(5000)}${SENTENCE}<a href="x"`;
    const bounded = boundSourceDepth(html, 100);
    expect(bounded.match(/<b>/g)!.length).toBe(100 - 2); // html and body count
    expect(bounded).toContain(SENTENCE);
  });
});

describe('boundDomDepth', () => {
  it('leaves a page within the bound untouched', () => {
    const html = readFileSync(path.join(FIXTURES, 'detik-nested.html'), 'utf8');
    const { document } = parseHTML(html);
    const before = document.toString();
    expect(boundDomDepth(document as never)).toBe(0);
    expect(document.toString()).toBe(before);
  });

  it('flattens a deep subtree into paragraphs in document order', () => {
    const deep = `${'<div><ul><li>'.repeat(40)}<p>${SENTENCE}</p><table><tr><td>sel 1</td><td>sel 2</td></tr></table>Ekor<br>baris${'</li></ul></div>'.repeat(40)}`;
    const { document } = parseHTML(`<html><body><p>Awal.</p>${deep}<p>Akhir.</p></body></html>`);
    expect(boundDomDepth(document as never, 20)).toBe(1);
    expect(depthOf(document.toString())).toBeLessThanOrEqual(22);
    expect(blockText(document.body as never)).toBe(`Awal.\n${SENTENCE}\nsel 1 sel 2\nEkor\nbaris\nAkhir.`);
  });
});

describe('readHtml on pathological nesting', () => {
  for (const [name, open, close] of [
    ['div', '<div>', '</div>'],
    ['ul', '<ul><li>', '</li></ul>'],
    ['table', '<table><tr><td>', '</td></tr></table>'],
  ] as const) {
    it(`reads the article under 3,000 nested ${name} elements`, () => {
      const body = `${open.repeat(3000)}${`<p>${SENTENCE}</p>`.repeat(3)}${close.repeat(3000)}`;
      const record = readHtml(Buffer.from(`<html><head><title>Petugas</title></head><body>${body}</body></html>`), 'deep.html');
      expect(record.text.split('\n')).toEqual([SENTENCE, SENTENCE, SENTENCE]);
    });
  }

  it('bounds a page cut before its <html> tag (the parser then makes several top-level elements)', () => {
    const body = `${'<table><tr><td>'.repeat(1800)}<article>${`<p>${SENTENCE}</p>`.repeat(3)}</article>${'</td></tr></table>'.repeat(1800)}`;
    const html = `uthor" content="Ani">\n<link rel="stylesheet" href="/a.css">\n</head>\n<body>${body}</body>\n</html>`;
    const { document } = parseHTML(html);
    expect((document.documentElement as any).tagName).toBe('LINK');
    expect(boundDomDepth(document as never)).toBeGreaterThan(0);
    expect(readHtml(Buffer.from(html), 'cut.html').text).toBe([SENTENCE, SENTENCE, SENTENCE].join('\n'));
  });

  it('reads the article after 100,000 unclosed <div> tags', () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}${`<p>${SENTENCE}</p>`.repeat(3)}`;
    expect(readHtml(Buffer.from(html), 'unclosed.html').text).toBe([SENTENCE, SENTENCE, SENTENCE].join('\n'));
  });
});
