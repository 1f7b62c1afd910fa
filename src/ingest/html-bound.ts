/**
 * A bound on DOM nesting before Readability. Readability over linkedom costs about the
 * cube of the nesting depth (2,000 nested `<div>` or `<ul>` never finish), while real
 * pages nest a few dozen levels. Below `maxDepth`, each element whose subtree goes deeper
 * has that subtree replaced by flat paragraphs: its text is kept in order, every block
 * element (and `<br>`) still ends a paragraph, and only the deep wrappers are gone. One
 * linear pass; pages within the bound are not touched.
 */
import { BLOCK_TAGS, ELEMENT_NODE, SKIP_TAGS, TEXT_NODE, type DomDocument, type DomElement, type DomNode } from './html-dom.js';

/** Deeper than any real news page we have seen (30–50 levels), cheap for Readability. */
export const MAX_DOM_DEPTH = 64;

/** Text of `root`'s subtree as paragraphs: block elements and `<br>` end one. Iterative (no recursion on deep trees). */
function flatParagraphs(root: DomElement): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') paragraphs.push(current);
    current = '';
  };
  const tagOf = (node: DomNode) => (node.nodeType === ELEMENT_NODE ? (node.tagName ?? '').toUpperCase() : '');
  let node: DomNode | null = root.firstChild;
  while (node) {
    const tag = tagOf(node);
    if (node.nodeType === TEXT_NODE) current += node.nodeValue ?? '';
    else if (tag === 'BR' || BLOCK_TAGS.has(tag)) flush();
    else if (tag === 'TD' || tag === 'TH') current += ' ';
    if (node.nodeType === ELEMENT_NODE && !SKIP_TAGS.has(tag) && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Leave this node and every ancestor whose last child it was.
    while (node && node !== root) {
      if (node.nextSibling) {
        node = node.nextSibling;
        break;
      }
      node = node.parentNode;
      if (node && node !== root) {
        const parentTag = tagOf(node);
        if (BLOCK_TAGS.has(parentTag)) flush();
        else if (parentTag === 'TD' || parentTag === 'TH') current += ' ';
      }
    }
    if (node === root) break;
  }
  flush();
  return paragraphs;
}

/** Whether `el`'s element subtree is more than `levels` levels deep. */
function deeperThan(el: DomElement, levels: number): boolean {
  const stack: [DomElement, number][] = [[el, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > levels) return true;
    for (let child = node.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Flatten every subtree that reaches below `maxDepth` (the root element is depth 0).
 * Returns how many subtrees were flattened (0 for an ordinary page).
 */
export function boundDomDepth(document: DomDocument, maxDepth = MAX_DOM_DEPTH): number {
  // Every top-level element, not only `documentElement`: a page cut before its `<html>` tag
  // parses into several (linkedom makes the first one, say a `<link>`, the document element).
  const stack: [DomElement, number][] = [];
  for (let root = document.firstElementChild; root; root = root.nextElementSibling) stack.push([root, 0]);
  let flattened = 0;
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    if (depth === maxDepth) {
      // One more level (a paragraph holding a link) is fine; anything deeper is flattened.
      if (deeperThan(el, 2)) {
        const doc = document;
        const paragraphs = flatParagraphs(el).map((text) => {
          const p = doc.createElement('p');
          p.appendChild(doc.createTextNode(text));
          return p;
        });
        el.replaceChildren(...paragraphs);
        flattened++;
      }
      continue;
    }
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) stack.push([child, depth + 1]);
  }
  return flattened;
}

/**
 * Nesting the HTML parser itself is allowed to build. htmlparser2 (under linkedom) keeps its
 * open-element stack with `unshift`/`shift`, so parsing costs the square of the depth:
 * 8,000 unclosed `<div>` parse in 60 ms, 100,000 take 10 s.
 */
export const MAX_SOURCE_DEPTH = 2000;

/** Elements without content: never open. */
const VOID_TAGS = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta',
  'param', 'source', 'track', 'wbr',
]);
/** Elements the parser closes when a sibling of their kind opens: they never nest by themselves. */
const SELF_CLOSING_KINDS = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot']);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT_END = new Map(['script', 'style', 'title', 'textarea', 'xmp'].map((name) => [name, new RegExp(`</${name}`, 'gi')]));
const BLOCK_NAMES = new Set([...BLOCK_TAGS].map((t) => t.toLowerCase()));
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9:-]*)/;

/**
 * Drop the start and end tags of elements nested deeper than `maxDepth` in the HTML source,
 * keeping their text (a dropped block element becomes `<br>`, so paragraphs stay apart).
 * Linear: every `<` is looked at once and the search for its `>` never goes back. Returns
 * the source unchanged (the same string) when nothing is that deep.
 */
export function boundSourceDepth(html: string, maxDepth = MAX_SOURCE_DEPTH): string {
  let depth = 0;
  let dropped = 0;
  let pos = 0;
  let copiedTo = 0;
  const out: string[] = [];
  let lastBreakAt = -1;
  const drop = (from: number, to: number, replacement: string) => {
    // Runs of dropped blocks with nothing between them need one break, not thousands.
    if (replacement !== '' && from === lastBreakAt) replacement = '';
    out.push(html.slice(copiedTo, from), replacement);
    copiedTo = to;
    if (replacement !== '' || from === lastBreakAt) lastBreakAt = to;
  };
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      pos = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break;
    const name = TAG_NAME.exec(html.slice(lt, Math.min(gt + 1, lt + 64)))?.[1]?.toLowerCase();
    pos = gt + 1;
    if (!name) continue;
    const closing = html.charCodeAt(lt + 1) === 47; // '/'
    const rawEnd = closing ? undefined : RAW_TEXT_END.get(name);
    if (rawEnd) {
      rawEnd.lastIndex = pos;
      const close = rawEnd.exec(html);
      if (!close) break;
      pos = close.index;
      continue;
    }
    if (VOID_TAGS.has(name) || SELF_CLOSING_KINDS.has(name) || html.charCodeAt(gt - 1) === 47) continue;
    const replacement = BLOCK_NAMES.has(name) ? '<br>' : '';
    if (closing) {
      if (dropped > 0) {
        dropped--;
        drop(lt, pos, replacement);
      } else if (depth > 0) depth--;
    } else if (depth >= maxDepth) {
      dropped++;
      drop(lt, pos, replacement);
    } else depth++;
  }
  if (copiedTo === 0) return html;
  out.push(html.slice(copiedTo));
  return out.join('');
}
