import type { Column } from './svg.js';

/**
 * Articles per day as chart columns over the whole span, gaps included: per day up to two months,
 * per week (Monday to Sunday) up to two years, per month beyond.
 */
export type Granularity = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const toMs = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const short = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

export function timeline(perDay: ReadonlyMap<string, number>): { granularity: Granularity; columns: Column[] } {
  if (perDay.size === 0) return { granularity: 'day', columns: [] };
  const days = [...perDay.keys()].sort();
  const first = toMs(days[0]);
  const last = toMs(days[days.length - 1]);
  const span = (last - first) / DAY_MS + 1;
  const granularity: Granularity = span <= 62 ? 'day' : span <= 730 ? 'week' : 'month';
  const buckets = new Map<number, number>();
  const bucketOf = (ms: number): number => {
    const d = new Date(ms);
    if (granularity === 'day') return ms;
    if (granularity === 'week') return ms - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  };
  for (const [day, n] of perDay) {
    const key = bucketOf(toMs(day));
    buckets.set(key, (buckets.get(key) ?? 0) + n);
  }
  const columns: Column[] = [];
  for (let ms = bucketOf(first); ms <= last; ) {
    const value = buckets.get(ms) ?? 0;
    const d = new Date(ms);
    if (granularity === 'day') {
      // Mondays
      const tick = d.getUTCDay() === 1 ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : undefined;
      columns.push({ label: short(ms), value, title: `${iso(ms)}: ${plural(value, 'article')}`, ...(tick ? { tick } : {}) });
      ms += DAY_MS;
    } else if (granularity === 'week') {
      // the week holding the first of a month
      const sunday = new Date(ms + 6 * DAY_MS);
      const tick = sunday.getUTCDate() <= 7 ? `${MONTHS[sunday.getUTCMonth()]} ${sunday.getUTCFullYear()}` : undefined;
      columns.push({ label: short(ms), value, title: `week of ${iso(ms)}: ${plural(value, 'article')}`, ...(tick ? { tick } : {}) });
      ms += 7 * DAY_MS;
    } else {
      const label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      const tick = d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : undefined;
      columns.push({ label, value, title: `${label}: ${plural(value, 'article')}`, ...(tick ? { tick } : {}) });
      ms = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
  return { granularity, columns };
}
