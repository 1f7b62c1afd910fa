/**
 * Proleptic Gregorian day arithmetic on plain integers (days since
 * 1970-01-01), so resolving a date never touches `Date` or the clock.
 */

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1-12, day 1-31] of a day number. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(z: number): number {
  return (((z + 4) % 7) + 7) % 7;
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` of year `y`; with no year (0) February has 29. */
export function daysInMonth(m: number, y: number): number {
  if (m === 2) return y === 0 || isLeap(y) ? 29 : 28;
  return MONTH_DAYS[m - 1];
}

export function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(m, y);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n >= 1000 ? String(n) : String(n).padStart(4, '0');
}

export function formatDay(z: number): string {
  const [y, m, d] = civilFromDays(z);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${pad4(y)}-${pad2(m)}`;
}

export function formatYear(y: number): string {
  return pad4(y);
}

/** ISO 8601 week of a day, `2025-W36`. */
export function formatIsoWeek(z: number): string {
  const wd = weekdayOf(z);
  const thursday = z - (wd === 0 ? 7 : wd) + 4;
  const [ty] = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
  return `${pad4(ty)}-W${pad2(week)}`;
}

export function formatTime(h: number, min: number): string {
  return `${pad2(h)}:${pad2(min)}`;
}

/** `YYYY-MM-DD` (optionally followed by a time) to a day number, or null. */
export function parseIsoDay(value: string | null | undefined): number | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  return validDate(y, mo, d) ? daysFromCivil(y, mo, d) : null;
}
