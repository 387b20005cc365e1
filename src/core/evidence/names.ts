/**
 * File and folder names against the roster: the name each row expects (学号全码姓名, 学号, 身份证号 …), and the
 * names that almost match — a "+", a space, a separator, full-width digits, a lower-case x, the wrong name
 * characters, no name, name and number swapped, one digit of the number wrong (seed 003: "学号与姓名中间无“+”、
 * 无空格"). An almost-matching name still belongs to its row: the row is not also reported missing.
 */
import { normaliseNameDots } from '../cells/name';
import { toHalfWidthAlnum } from '../cells/text';

/** Path segments of a '/'-separated relative path (a '\' from Windows is a separator too). */
export function segments(path: string): string[] {
  return path.split(/[\\/]+/).filter((s) => s.length > 0);
}

export function baseName(path: string): string {
  const s = segments(path);
  return s.length ? s[s.length - 1]! : path;
}

/** `身份证.jpg` → { stem: '身份证', ext: '.jpg' }; a leading dot is not an extension. */
export function splitExt(name: string): { stem: string; ext: string } {
  const i = name.lastIndexOf('.');
  if (i <= 0) return { stem: name, ext: '' };
  return { stem: name.slice(0, i), ext: name.slice(i) };
}

/** Files and folders nobody means to hand in: hidden, system, editor temp files. Skipped by every check. */
export function isIgnorable(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n.startsWith('.') ||
    n.startsWith('~$') ||
    n === 'thumbs.db' ||
    n === 'desktop.ini' ||
    n === '__macosx' ||
    n === '$recycle.bin' ||
    n === 'system volume information'
  );
}

/** Whether any segment of the path is ignorable. */
export function isIgnorablePath(path: string): boolean {
  return segments(path).some(isIgnorable);
}

export type NameProblem =
  | 'space'
  | 'plus'
  | 'separator'
  | 'fullwidth'
  | 'dot'
  | 'lowercase-x'
  | 'wrong-name'
  | 'no-name'
  | 'extra-name'
  | 'order'
  | 'key-typo';

/** One roster row's expected name: `key + name`, or `key` alone when `name` is null (photos). */
export interface NameCandidate {
  /** The caller's index of the row. */
  id: number;
  /** 学号 / 注册证号 / 身份证号, normalised (digits, upper-case X). */
  key: string;
  name: string | null;
  /** Other names accepted for the row (correction: the name before or after a 姓名 change). */
  altNames?: readonly string[];
}

export interface NameVerdict {
  id: number;
  exact: boolean;
  /** Empty when exact. */
  problems: NameProblem[];
  /** wrong-name / extra-name: the text the file has where the name should be. */
  found?: string;
}

/** The candidates, indexed for look-ups by exact stem, by key and by name. */
export class NameIndex {
  private readonly exact = new Map<string, number>();
  private readonly byKey = new Map<string, NameCandidate>();
  private readonly list: readonly NameCandidate[];

  constructor(candidates: readonly NameCandidate[]) {
    this.list = candidates;
    for (const c of candidates) {
      if (!c.key) continue;
      for (const stem of expectedStems(c)) if (!this.exact.has(stem)) this.exact.set(stem, c.id);
      if (!this.byKey.has(c.key)) this.byKey.set(c.key, c);
    }
  }

  /** The row a stem names exactly, or almost; null when it names none. */
  judge(stem: string): NameVerdict | null {
    const hit = this.exact.get(stem);
    if (hit !== undefined) return { id: hit, exact: true, problems: [] };
    const { text, problems } = normaliseStem(stem);
    const near = this.exact.get(text);
    if (near !== undefined) return { id: near, exact: false, problems };
    return this.structural(text, problems);
  }

  /** key + wrong name, key alone, name + key, one digit of the key wrong. */
  private structural(text: string, problems: NameProblem[]): NameVerdict | null {
    const lead = /^(\d{17}[\dX]|\d+)(.*)$/.exec(text);
    if (lead) {
      const [, keyPart, rest] = lead as unknown as [string, string, string];
      const c = this.byKey.get(keyPart);
      if (c) {
        if (c.name === null) return { id: c.id, exact: false, problems: [...problems, 'extra-name'], found: rest };
        return { id: c.id, exact: false, problems: [...problems, rest === '' ? 'no-name' : 'wrong-name'], found: rest };
      }
      const typo = this.keyTypo(keyPart, rest);
      if (typo) return { id: typo.id, exact: false, problems: [...problems, 'key-typo'] };
      return null;
    }
    const trail = /^(\D+?)(\d{17}[\dX]|\d+)$/.exec(text);
    if (trail) {
      const [, namePart, keyPart] = trail as unknown as [string, string, string];
      const c = this.byKey.get(keyPart);
      if (c && c.name !== null && (namePart === c.name || c.altNames?.includes(namePart))) {
        return { id: c.id, exact: false, problems: [...problems, 'order'] };
      }
      if (c && c.name === null) return { id: c.id, exact: false, problems: [...problems, 'extra-name'], found: namePart };
    }
    return null;
  }

  /** The one row whose key differs from `keyPart` by one digit or two swapped neighbours, and whose name fits. */
  private keyTypo(keyPart: string, rest: string): NameCandidate | null {
    let found: NameCandidate | null = null;
    for (const c of this.list) {
      if (!c.key || c.key.length !== keyPart.length) continue;
      const nameFits = c.name === null ? rest === '' : rest === c.name || (c.altNames?.includes(rest) ?? false);
      if (!nameFits || !oneDigitOff(c.key, keyPart)) continue;
      if (found && found.key !== c.key) return null; // ambiguous: say nothing
      found ??= c;
    }
    return found;
  }
}

/** The stems a candidate accepts exactly. */
export function expectedStems(c: NameCandidate): string[] {
  if (c.name === null) return [c.key];
  const names = [c.name, ...(c.altNames ?? [])].filter((n) => n.length > 0);
  return [...new Set(names)].map((n) => c.key + n);
}

/** Same length, and one position different or two neighbours swapped. */
export function oneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      diff.push(i);
      if (diff.length > 2) return false;
    }
  }
  if (diff.length === 1) return true;
  const [i, j] = diff as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

const SPACES_G = /[\s\u00a0\u3000\u200b-\u200d\u2060\ufeff]+/g;
const PLUS_G = /[+\uff0b]/g;
const SEPARATORS_G = /[-_\uff0d\u2014\u2013\u3001,\uff0c#\uff03]/g;
const LOWER_X_AT_END = /^(\d{17})x/;

/** A stem with its near-miss characters taken out, and which kinds were there. */
export function normaliseStem(stem: string): { text: string; problems: NameProblem[] } {
  const problems: NameProblem[] = [];
  let s = stem.normalize('NFC');
  const step = (re: RegExp, p: NameProblem, by = ''): void => {
    const next = s.replace(re, by);
    if (next !== s) {
      problems.push(p);
      s = next;
    }
  };
  step(SPACES_G, 'space');
  step(PLUS_G, 'plus');
  step(SEPARATORS_G, 'separator');
  const half = toHalfWidthAlnum(s);
  if (half !== s) {
    problems.push('fullwidth');
    s = half;
  }
  // Dots: between a digit and a name (or at either end) they separate; between two name characters they are ·.
  const dotted = normaliseNameDots(s);
  if (dotted !== s) {
    const cut = dotted.replace(/(?<=[\dXx])\u00b7|\u00b7(?=[\dXx])|^\u00b7+|\u00b7+$/g, '');
    if (cut !== dotted) problems.push('separator');
    if (cut.includes('\u00b7')) problems.push('dot');
    s = cut;
  } else {
    const cut = s.replace(/(?<=\d)\u00b7|\u00b7(?=\d)/g, '');
    if (cut !== s) {
      problems.push('separator');
      s = cut;
    }
  }
  if (LOWER_X_AT_END.test(s)) {
    problems.push('lowercase-x');
    s = s.replace(LOWER_X_AT_END, '$1X');
  }
  return { text: s, problems };
}

/** What each problem of a name is, in Chinese (`k`: the key's label, 学号 or 身份证号). */
const PROBLEM_TEXT: Readonly<Record<NameProblem, (k: string, v: NameVerdict, c: NameCandidate) => string>> = {
  space: () => '名称中有空格',
  plus: () => '名称中不能有“+”',
  separator: (k) => `${k}与姓名之间不能有分隔符`,
  fullwidth: () => '名称中有全角数字或字母',
  dot: () => '姓名中的间隔号应为“·”',
  'lowercase-x': () => '身份证号末位的 x 应为大写 X',
  'wrong-name': (_k, v, c) => `姓名部分“${v.found ?? ''}”与名单中的“${c.name ?? ''}”不一致（请核对名单或文件名）`,
  'no-name': (k) => `缺少姓名，应为${k}加姓名`,
  'extra-name': (k) => `只能以${k}命名，不能加姓名或其他文字`,
  order: (k) => `${k}应在前、姓名在后`,
  'key-typo': (k) => `${k}与名单中的${k}相差一位`,
};

/** The Chinese explanation of what is wrong with a name (without the "应命名为" part). */
export function describeProblems(v: NameVerdict, c: NameCandidate, keyLabel: string): string {
  return v.problems.map((p) => PROBLEM_TEXT[p](keyLabel, v, c)).join('；');
}
