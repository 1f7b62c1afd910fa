/**
 * The body of a page too large for Readability: Readability's passes cost several seconds per
 * megabyte of markup (a 4 MB table page took about a minute), while a news page has a few
 * thousand elements. Above `MAX_READABILITY_ELEMENTS` (after pruning) the body is the text of
 * the main-content element when it holds a fair share of the page's text, else of `<body>`.
 * Pruning has already removed the page furniture, so this stays close to what Readability
 * would keep, in one linear pass.
 */
import { ELEMENT_NODE, SKIP_TAGS, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './html-dom.js';

/** Far above a real article page (1,000–10,000 elements). */
export const MAX_READABILITY_ELEMENTS = 20_000;

/** Elements under `root`, counted iteratively; stops counting at `limit + 1`. */
export function countElements(root: DomElement, limit = Infinity): number {
  let n = 0;
  const stack: DomElement[] = [root];
  while (stack.length > 0 && n <= limit) {
    const el = stack.pop()!;
    n++;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push(c);
  }
  return n;
}

function textLength(root: DomNode): number {
  let n = 0;
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) n += (node.nodeValue ?? '').trim().length;
    else if (node.nodeType === ELEMENT_NODE && !SKIP_TAGS.has((node.tagName ?? '').toUpperCase())) {
      for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
    }
  }
  return n;
}

/** The container whose text is the body: the largest `article`/`main`/articleBody element holding a quarter of the text, else `<body>`. */
export function fallbackContainer(document: DomDocument & { querySelectorAll(selector: string): Iterable<DomElement> }): DomElement | null {
  const body = document.body;
  if (!body) return null;
  const total = textLength(body);
  let best: DomElement | null = null;
  let bestText = 0;
  for (const el of document.querySelectorAll('article, main, [itemprop~="articleBody"], [role="main"]')) {
    const t = textLength(el);
    if (t > bestText) {
      best = el;
      bestText = t;
    }
  }
  return best && bestText >= total / 4 ? best : body;
}
