/**
 * The corrected record agrees with itself (DOMAIN.md §2 T3, issue 9 item 3): once every row is read, each student's
 * 性别 (new, or as it stands) against the 身份证号 (new, or as it stands), and the 出生日期 against the ID's birth date.
 * One student's changes may sit on several rows (long layout), so what matters is kept per student until the end of
 * the pass — as numbers in one typed array, so that 100,000 rows of ID changes stay cheap. A student's conflicts
 * depend only on that student's rows, in order: the live re-check (recheck.ts) notes again only the students whose
 * rows changed, from the few numbers each row's outcome keeps (RowFacts).
 */
import type { Gender } from '../cells/gender';
import type { Ymd } from '../cells/dates';
import { formatYmd } from '../cells/dates';
import type { IdCard } from '../rules/id-card';

/** Excel's column count: a cell is kept as one number, row * COLS + col. */
const COLS = 16384;
const UNCHANGED = -1;

/** What one row's request leaves the record with, as kept once the row is checked (see StudentFacts). */
export interface RowFacts {
  readonly gender: Gender | '';
  readonly genderAt: number;
  readonly idGender: Gender | '';
  readonly idBirth: number;
  readonly idAt: number;
  readonly idKnown: boolean;
  readonly birth: number;
  readonly birthAt: number;
}

/**
 * What one row's request leaves the record with. `*At`: the cell that states the new value (row * COLS + col), or -1
 * for a value as it stands. One object is reused for every row (reset first): nothing is allocated per row.
 */
export class StudentFacts implements RowFacts {
  gender: Gender | '' = '';
  genderAt = UNCHANGED;
  idGender: Gender | '' = '';
  /** The ID's birth date as yyyymmdd (0: not a real date). */
  idBirth = 0;
  idAt = UNCHANGED;
  idKnown = false;
  birth = 0;
  birthAt = UNCHANGED;

  reset(): void {
    this.gender = '';
    this.genderAt = UNCHANGED;
    this.idGender = '';
    this.idBirth = 0;
    this.idAt = UNCHANGED;
    this.idKnown = false;
    this.birth = 0;
    this.birthAt = UNCHANGED;
  }

  /** A copy to keep with the row's outcome (the live re-check notes it again without re-reading the row). */
  snapshot(): RowFacts {
    const { gender, genderAt, idGender, idBirth, idAt, idKnown, birth, birthAt } = this;
    return { gender, genderAt, idGender, idBirth, idAt, idKnown, birth, birthAt };
  }

  get changed(): boolean {
    return this.genderAt !== UNCHANGED || this.idAt !== UNCHANGED || this.birthAt !== UNCHANGED;
  }

  setGender(g: Gender, at: Cell | null): void {
    if (at === null && this.gender) return;
    this.gender = g;
    this.genderAt = at ? encode(at) : UNCHANGED;
  }

  /** Only an ID with a right check character speaks for the record (a wrong one has its own error). */
  setId(card: IdCard, at: Cell | null): void {
    if (!card.checksumOk || (at === null && this.idKnown)) return;
    this.idKnown = true;
    this.idGender = card.gender;
    this.idBirth = card.birthValid ? packYmd(card.birth) : 0;
    this.idAt = at ? encode(at) : UNCHANGED;
  }

  setBirth(d: Ymd, at: Cell | null): void {
    if (at === null && this.birth) return;
    this.birth = packYmd(d);
    this.birthAt = at ? encode(at) : UNCHANGED;
  }
}

export interface Cell {
  row: number;
  col: number;
}

export interface FactConflict {
  /** The student (as noted) whose record the conflict is in. */
  student: string;
  cell: Cell;
  message: string;
}

function encode(c: Cell): number {
  return c.row * COLS + c.col;
}

function decode(n: number): Cell {
  return { row: Math.floor(n / COLS), col: n % COLS };
}

function packYmd(d: Ymd): number {
  return d.y * 10000 + d.m * 100 + d.d;
}

function unpackYmd(n: number): Ymd {
  return { y: Math.floor(n / 10000), m: Math.floor(n / 100) % 100, d: n % 100 };
}

/** Fields of one student's slot in the book (see StudentFacts); genders are 0 (unknown), 1 男, 2 女. */
// (Offsets in a slot; SLOT is the slot's size.)
const [GENDER, GENDER_AT, ID_GENDER, ID_BIRTH, ID_AT, BIRTH, BIRTH_AT, SLOT] = [0, 1, 2, 3, 4, 5, 6, 7] as const;

const genderCode = (g: Gender | '') => (g === '男' ? 1 : g === '女' ? 2 : 0);
const genderOf = (n: number): Gender => (n === 1 ? '男' : '女');

/**
 * Every student's facts, merged row by row — a change wins over a value as it stands —, kept in one growing
 * Float64Array (7 numbers a student) so that a sheet of 100,000 ID changes leaves nothing for the collector.
 */
export class FactBook {
  private readonly slotOf = new Map<string, number>();
  /** The student of each slot. */
  private readonly students: string[] = [];
  private data = new Float64Array(SLOT * 64);
  private used = 0;

  note(student: string, f: RowFacts): void {
    let slot = this.slotOf.get(student);
    if (slot === undefined) {
      slot = this.used++;
      this.slotOf.set(student, slot);
      this.students.push(student);
      if (this.used * SLOT > this.data.length) {
        const grown = new Float64Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      const d = this.data;
      const o = slot * SLOT;
      d[GENDER + o] = 0;
      d[GENDER_AT + o] = UNCHANGED;
      d[ID_GENDER + o] = 0;
      d[ID_BIRTH + o] = 0;
      d[ID_AT + o] = UNCHANGED;
      d[BIRTH + o] = 0;
      d[BIRTH_AT + o] = UNCHANGED;
    }
    const d = this.data;
    const o = slot * SLOT;
    const takes = (had: number, hadAt: number, at: number) => had === 0 || (at !== UNCHANGED && hadAt === UNCHANGED);
    if (f.gender && takes(d[GENDER + o]!, d[GENDER_AT + o]!, f.genderAt)) {
      d[GENDER + o] = genderCode(f.gender);
      d[GENDER_AT + o] = f.genderAt;
    }
    if (f.idKnown && takes(d[ID_GENDER + o]!, d[ID_AT + o]!, f.idAt)) {
      d[ID_GENDER + o] = genderCode(f.idGender);
      d[ID_BIRTH + o] = f.idBirth;
      d[ID_AT + o] = f.idAt;
    }
    if (f.birth && takes(d[BIRTH + o]!, d[BIRTH_AT + o]!, f.birthAt)) {
      d[BIRTH + o] = f.birth;
      d[BIRTH_AT + o] = f.birthAt;
    }
  }

  /**
   * The issue goes on the cell the request changes: the new 性别 / 出生日期, else the new 身份证号 (named by its row
   * when another row of the student holds it).
   */
  conflicts(): FactConflict[] {
    const out: FactConflict[] = [];
    const d = this.data;
    for (let slot = 0; slot < this.used; slot++) {
      const o = slot * SLOT;
      if (d[ID_GENDER + o] === 0) continue;
      const student = this.students[slot]!;
      const idGender = genderOf(d[ID_GENDER + o]!);
      const idBirth = d[ID_BIRTH + o]!;
      const idAt = d[ID_AT + o]!;
      const genderAt = d[GENDER_AT + o]!;
      const birth = d[BIRTH + o]!;
      const birthAt = d[BIRTH_AT + o]!;
      const id = idAt === UNCHANGED ? null : decode(idAt);
      const newId = (other: Cell) => (id ? `修改后的身份证号${id.row !== other.row ? `（第${id.row}行）` : ''}` : '身份证号');
      if (d[GENDER + o] !== 0 && genderOf(d[GENDER + o]!) !== idGender && (genderAt !== UNCHANGED || id)) {
        const gender = genderOf(d[GENDER + o]!);
        if (genderAt !== UNCHANGED) {
          const at = decode(genderAt);
          out.push({ student, cell: at, message: `修改后的性别“${gender}”与${newId(at)}第17位表示的“${idGender}”不一致` });
        } else {
          out.push({ student, cell: id!, message: `修改后的身份证号第17位表示“${idGender}”，与该生性别“${gender}”不一致：请核对身份证号；如性别也需更正，请一并填写修改后的性别` });
        }
      }
      if (birth && idBirth && birth !== idBirth && (birthAt !== UNCHANGED || id)) {
        const b = formatYmd(unpackYmd(birth));
        const fromId = formatYmd(unpackYmd(idBirth));
        if (birthAt !== UNCHANGED) {
          const at = decode(birthAt);
          out.push({ student, cell: at, message: `修改后的出生日期 ${b} 与${newId(at)}中的出生日期 ${fromId} 不一致` });
        } else {
          out.push({ student, cell: id!, message: `修改后的身份证号中的出生日期为 ${fromId}，与该生出生日期 ${b} 不一致：请核对身份证号；如出生日期也需更正，请一并填写修改后的出生日期` });
        }
      }
    }
    return out;
  }
}
