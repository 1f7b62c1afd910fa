import { describe, expect, it } from 'vitest';
import { headlineCopies, headlineLowercaseWords, titleCase } from '../src/ner/headline-case.js';

describe('training sentences written as headlines', () => {
  const id = headlineLowercaseWords('id');
  const en = headlineLowercaseWords('en');

  it('writes Title Case the way Indonesian and English headlines do', () => {
    expect(titleCase('masinis dilarikan ke RS usai KRL lintas Tangerang-Duri tertemper truk', id)).toBe(
      'Masinis Dilarikan ke RS Usai KRL Lintas Tangerang-Duri Tertemper Truk',
    );
    expect(titleCase('di balik keluhan Amerika soal QRIS', id)).toBe('Di Balik Keluhan Amerika Soal QRIS');
    expect(titleCase('the minister of finance said on Monday', en)).toBe('The Minister of Finance Said on Monday');
    // digits, capitals and punctuation are left; the length never changes
    const s = "harga naik 5,2 persen (ANTARA) - kata pejabat 'itu' ke-2";
    expect(titleCase(s, id)).toBe("Harga Naik 5,2 Persen (ANTARA) - Kata Pejabat 'Itu' Ke-2");
    expect(titleCase(s, id)).toHaveLength(s.length);
  });

  it('adds a share of the sentences again, with the same gold spans, chosen by their text', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => {
      const text = `pada hari ke-${i} Presiden Joko Widodo bertemu warga di Kabupaten Sleman`;
      const start = text.indexOf('Joko');
      return { id: `s${i}`, text, entities: [{ type: 'PERSON' as const, start, end: start + 'Joko Widodo'.length }] };
    });
    const copies = headlineCopies(sentences, 0.25, id, 1);
    expect(copies.length).toBeGreaterThan(60);
    expect(copies.length).toBeLessThan(140);
    for (const c of copies) {
      const original = sentences.find((s) => `${s.id}#headline` === c.id)!;
      expect(c.text).toMatch(/^Pada Hari Ke-\d+ Presiden Joko Widodo Bertemu Warga di Kabupaten Sleman$/);
      expect(c.entities).toEqual(original.entities);
      expect(c.text.slice(c.entities[0].start, c.entities[0].end)).toBe('Joko Widodo');
    }
    // the same choice whatever the order, and none at share 0
    expect(headlineCopies([...sentences].reverse(), 0.25, id, 1).map((c) => c.id).sort()).toEqual(copies.map((c) => c.id).sort());
    expect(headlineCopies(sentences, 0, id, 1)).toEqual([]);
    // sentences too long or too short for a headline are left out
    expect(headlineCopies([{ text: 'kata dia', entities: [] }, { text: Array(40).fill('kata').join(' '), entities: [] }], 1, id)).toEqual([]);
  });
});
