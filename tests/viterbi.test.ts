/**
 * The tagger's Viterbi decoder against a textbook one (every label pair checked), on
 * sentences where many tokens are far from any name and allow only O (their other labels at
 * OUTSIDE_ONLY), as the tagger writes them: same labels, same path score. The decoder keeps no
 * back-pointers and finds the path's labels again while tracing it back, so ties (small integer
 * weights) must go the textbook's way too: the first best predecessor in label order.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED, ALLOWED_END, NL, OUTSIDE_ONLY, peopleAdjoin, peopleApart, viterbi } from '../src/ner/tagger/model.js';
import { mulberry32 } from '../src/random.js';

function textbook(E: Float64Array, n: number, trans: Float64Array, endW: Float64Array): { labels: number[]; best: number } {
  const delta: number[][] = [];
  const back: number[][] = [];
  delta.push(Array.from({ length: NL }, (_, y) => (ALLOWED[NL * NL + y] ? trans[NL * NL + y] + E[y] : -Infinity)));
  for (let i = 1; i < n; i++) {
    const row: number[] = [];
    const bp: number[] = [];
    for (let y = 0; y < NL; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < NL; p++) {
        if (!ALLOWED[p * NL + y]) continue;
        const v = delta[i - 1][p] + trans[p * NL + y];
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      row.push(best + E[i * NL + y]);
      bp.push(arg);
    }
    delta.push(row);
    back.push(bp);
  }
  let best = -Infinity;
  let last = 0;
  for (let y = 0; y < NL; y++) {
    if (!ALLOWED_END[y]) continue;
    const v = delta[n - 1][y] + endW[y];
    if (v > best) {
      best = v;
      last = y;
    }
  }
  const labels = [last];
  for (let i = n - 1; i > 0; i--) labels.unshift(back[i - 1][labels[0]]);
  return { labels, best };
}

describe('viterbi', () => {
  it('decodes like the textbook algorithm, with and without outside-only tokens', () => {
    const random = mulberry32(20261206);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 40);
      const farShare = round % 3 === 0 ? 0 : random();
      const E = new Float64Array(n * NL);
      for (let i = 0; i < n; i++) {
        const far = random() < farShare;
        for (let y = 0; y < NL; y++) E[i * NL + y] = far ? (y === 0 ? 0 : OUTSIDE_ONLY) : (random() - 0.5) * 8;
      }
      const trans = Float64Array.from({ length: (NL + 1) * NL }, () => (random() - 0.5) * 4);
      const endW = Float64Array.from({ length: NL }, () => (random() - 0.5) * 2);
      const out = new Int32Array(n);
      const best = viterbi(E, n, trans, endW, out, new Float64Array(n * NL));
      const expected = textbook(E, n, trans, endW);
      expect([...out]).toEqual(expected.labels);
      expect(best).toBe(expected.best);
      for (let i = 0; i < n; i++) if (E[i * NL + 1] === OUTSIDE_ONLY) expect(out[i]).toBe(0);
    }
  });

  it('breaks ties as the textbook algorithm does (the first best predecessor)', () => {
    const random = mulberry32(20261207);
    const small = () => Math.floor(random() * 3) - 1;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 30);
      const E = new Float64Array(n * NL);
      for (let i = 0; i < n; i++) {
        const far = round % 2 === 0 && random() < 0.3;
        for (let y = 0; y < NL; y++) E[i * NL + y] = far ? (y === 0 ? 0 : OUTSIDE_ONLY) : small();
      }
      const trans = Float64Array.from({ length: (NL + 1) * NL }, small);
      const endW = Float64Array.from({ length: NL }, small);
      const out = new Int32Array(n);
      const best = viterbi(E, n, trans, endW, out, new Float64Array(n * NL));
      const expected = textbook(E, n, trans, endW);
      expect([...out]).toEqual(expected.labels);
      expect(best).toBe(expected.best);
    }
  });
});

describe('people apart', () => {
  const O = 0, B_PER = 1, L_PER = 3, U_PER = 4, U_ORG = 12; // prettier-ignore
  const word = () => true;

  it("finds a person's name right after another's, unless the second opens with a bracket or quote", () => {
    expect(peopleAdjoin([U_PER, U_PER], 2, word)).toBe(true);
    expect(peopleAdjoin([B_PER, L_PER, B_PER, L_PER], 4, word)).toBe(true);
    expect(peopleAdjoin([U_PER, O, U_PER], 3, word)).toBe(false);
    expect(peopleAdjoin([U_PER, U_ORG], 2, word)).toBe(false);
    // `Joko Widodo (Jokowi)`: the alias starts at the bracket token
    expect(peopleAdjoin([B_PER, L_PER, B_PER, L_PER], 4, (i) => i !== 2)).toBe(false);
  });

  it('decodes two words the emissions call two people as one name under the forbidding transitions', () => {
    const E = new Float64Array(2 * NL).fill(-5);
    // each word alone a person (U), together a name (B L) only a little less
    E[U_PER] = 3;
    E[NL + U_PER] = 3;
    E[B_PER] = 2;
    E[NL + L_PER] = 2;
    const trans = new Float64Array((NL + 1) * NL);
    const endW = new Float64Array(NL);
    const labels = new Int32Array(2);
    const delta = new Float64Array(2 * NL);
    viterbi(E, 2, trans, endW, labels, delta);
    expect(Array.from(labels)).toEqual([U_PER, U_PER]);
    const apart = peopleApart(trans);
    const best = viterbi(E, 2, apart, endW, labels, delta);
    expect(Array.from(labels)).toEqual([B_PER, L_PER]);
    expect(best).toBe(4);
    // only the four person-after-person transitions change
    let changed = 0;
    for (let k = 0; k < trans.length; k++) if (apart[k] !== trans[k]) changed++;
    expect(changed).toBe(4);
  });
});
