import { describe, expect, it } from 'vitest';
import { findPublishedDate, parsePublishedDate } from '../src/ingest/published-date.js';

describe('publication dates in Indonesian and English forms', () => {
  it.each([
    ['Sab, 6 Sep 2025', '2025-09-06'],
    ['- calendar_month Sab, 6 Sep 2025', '2025-09-06'],
    ['Sabtu, 6 September 2025 14:30 WIB', '2025-09-06T14:30:00+07:00'],
    ['Sabtu, 06 Sep 2025 19:05 WITA', '2025-09-06T19:05:00+08:00'],
    ['Sabtu, 06 Sep 2025 19:05 WIT', '2025-09-06T19:05:00+09:00'],
    ['Kamis, 4 Sep 2025 pukul 14.30 WIB', '2025-09-04T14:30:00+07:00'],
    ['06/09/2025', '2025-09-06'],
    ['6-9-2025', '2025-09-06'],
    ['06.09.2025', '2025-09-06'],
    ['06/09/2025, 14:30 WIB', '2025-09-06T14:30:00+07:00'],
    ['09/13/2025', '2025-09-13'],
    ['Sep 6, 2025', '2025-09-06'],
    ['Sept. 4, 2025', '2025-09-04'],
    ['September 5, 2025 10:15 PM GMT+7', '2025-09-05T22:15:00+07:00'],
    ['Updated 2:31 AM GMT+7, September 6, 2025', '2025-09-06T02:31:00+07:00'],
    ['2025-09-06T14:30:00+07:00', '2025-09-06T14:30:00+07:00'],
    ['2025-09-06T07:30:00.000Z', '2025-09-06T07:30:00+00:00'],
    ['2025-09-06 14:30:00', '2025-09-06T14:30:00'],
    ['2025/09/06', '2025-09-06'],
    ['Sat, 06 Sep 2025 10:00:00 +0700', '2025-09-06T10:00:00+07:00'],
    ['Fri, 05 Sep 2025 22:00:00 GMT', '2025-09-05T22:00:00+00:00'],
    ['1757131200', '2025-09-06T04:00:00+00:00'],
    ['6 Agustus 2025', '2025-08-06'],
    ['12 Mei 2025 08:00 WIB', '2025-05-12T08:00:00+07:00'],
    ['Minggu, 7 Desember 2025', '2025-12-07'],
    ['06/09/25', '2025-09-06'],
    ['06/09/25 14:30', '2025-09-06T14:30:00'],
    ['14:30 WIB, Sabtu 6/9/2025', '2025-09-06T14:30:00+07:00'],
    ['2025-09-06 14:30:00 WIB', '2025-09-06T14:30:00+07:00'],
  ])('%s -> %s', (input, iso) => {
    expect(parsePublishedDate(input)).toBe(iso);
  });

  it.each(['31/02/2025', 'visibility 1.234', 'kemarin sore', '', '2025', 'Rp 12.000 per gram'])('no date in %j', (input) => {
    expect(parsePublishedDate(input)).toBeNull();
  });

  it('reports the span of date and time inside a line', () => {
    const line = 'Kompas.com - 06/09/2025, 14:30 WIB';
    const found = findPublishedDate(line)!;
    expect(line.slice(found.start, found.end)).toBe('06/09/2025, 14:30 WIB');
  });

  it('a time far from the date is not joined to it', () => {
    expect(parsePublishedDate('6 September 2025 rapat dimulai sekitar 14:30 WIB')).toBe('2025-09-06');
  });
});
