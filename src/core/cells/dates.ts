/**
 * Calendar dates as plain { y, m, d } with integer arithmetic: these run on every date cell of 100k-row
 * sheets, so no Date objects. Months are 1-based.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

/** A real Gregorian date (29 Feb only in leap years; DOMAIN.md §1 "Birth date must be a real date"). */
export function isRealDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Negative, zero or positive like a sort comparator. */
export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y !== b.y ? a.y - b.y : a.m !== b.m ? a.m - b.m : a.d - b.d;
}

/**
 * Age in full years (周岁) on a day. Someone born on 29 Feb turns a year older on 1 Mar in common years
 * (the birthday has not been reached on 28 Feb).
 */
export function ageOn(birth: Ymd, on: Ymd): number {
  const beforeBirthday = on.m < birth.m || (on.m === birth.m && on.d < birth.d);
  return on.y - birth.y - (beforeBirthday ? 1 : 0);
}

/** Days since 1970-01-01 → civil date (H. Hinnant's algorithm, exact for the proleptic Gregorian calendar). */
function civilFromDays(z: number): Ymd {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Excel's largest date serial (9999-12-31). */
const EXCEL_MAX_SERIAL = 2958465;
/** Serial of 1970-01-01 in Excel's 1900 system (counting the fake 1900-02-29). */
const EXCEL_UNIX_EPOCH = 25569;

/**
 * Excel 1900 date system → date. Serial 1 = 1900-01-01; serial 60 is Excel's fake 1900-02-29 (the Lotus
 * leap-year bug), which is no real day → null; 36526 = 2000-01-01 (DOMAIN.md §1). A time fraction is dropped.
 */
export function excelSerialToYmd(serial: number): Ymd | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > EXCEL_MAX_SERIAL || day === 60) return null;
  // Below 60 there is no fake day to skip, so those serials sit one day later relative to the epoch.
  return civilFromDays(day < 60 ? day - EXCEL_UNIX_EPOCH + 1 : day - EXCEL_UNIX_EPOCH);
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function ymdIfReal(y: number, m: number, d: number): Ymd | null {
  return isRealDate(y, m, d) ? { y, m, d } : null;
}

/** Strict 'YYYY-MM-DD' (profiles, CLI options). */
export function parseIsoDate(s: string): Ymd | null {
  const r = ISO_RE.exec(s);
  return r ? ymdIfReal(+r[1]!, +r[2]!, +r[3]!) : null;
}

export function endOfMonth(y: number, m: number): Ymd {
  return { y, m, d: daysInMonth(y, m) };
}

/** Month arithmetic; n may be negative. */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  return { y: ny, m: total - ny * 12 + 1 };
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatYmd(d: Ymd): string {
  return String(d.y).padStart(4, '0') + '-' + pad2(d.m) + '-' + pad2(d.d);
}

/** 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.MM.DD' (one separator used throughout). */
const LOOSE_SEP_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const LOOSE_COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const LOOSE_CJK_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;

/** The ways registrars type a date into a text cell; returns null unless it is a real date. */
export function parseLooseDate(s: string): Ymd | null {
  const t = s.trim();
  let r = LOOSE_SEP_RE.exec(t);
  if (r) return ymdIfReal(+r[1]!, +r[3]!, +r[4]!);
  r = LOOSE_COMPACT_RE.exec(t) ?? LOOSE_CJK_RE.exec(t);
  return r ? ymdIfReal(+r[1]!, +r[2]!, +r[3]!) : null;
}
