/**
 * 免考信息表's row rules (seed 003 §一): the subject code against its name, the reason against the profile's list
 * and the subject, reason 6 (入学注册时年满40周岁) against the 身份证号, reason 7 (少数民族) against the 民族.
 */
import { ageOn } from '../../cells/dates';
import { termStartYmd } from '../../cells/enrollment-term';
import { err } from '../../engine/issue';
import { record, type RecordRow, type RowContext } from '../../engine/row';
import { termOfStudentId } from '../../rules/enrollment-term';
import { checkReason, checkSubjectCode, reasonSubjectMismatch } from '../../rules/exemption';

export function checkExemptionRow(rec: RecordRow, ctx: RowContext): void {
  const { idCard, ethnicity, term, profile } = ctx;
  const c = rec.cells;
  let subject: string | undefined;
  const sc = c.subjectCode;
  if (sc && !sc.unusable) {
    const name = c.subjectName && !c.subjectName.empty ? c.subjectName.text : '';
    subject = record(sc, checkSubjectCode(sc.text, name, profile));
  }
  const rc = c.reason;
  if (!rc || rc.empty || rc.unusable) return;
  const reason = record(rc, checkReason(rc.text, profile));
  if (!reason) return;
  if (subject) {
    const m = reasonSubjectMismatch(reason, subject, profile);
    if (m) rc.drafts.push(m);
  }
  if (reason.check === 'age-40' && idCard && idCard.birthValid) {
    const start = term ? termStartYmd(term) : rec.studentId ? termStartYmd(termOfStudentId(rec.studentId)) : null;
    if (start) {
      const age = ageOn(idCard.birth, start);
      if (age < 40) {
        rc.drafts.push(
          err('exemption.age-under-40', `免考原因为“入学注册时年满40周岁”，但按身份证号，该生入学注册时（${start.y}年${start.m}月1日）为${age}周岁`),
        );
      }
    }
  }
  if (reason.check === 'minority' && ethnicity === '汉族') {
    rc.drafts.push(err('exemption.han-ethnicity', '免考原因为“少数民族聚居地区的少数民族学生”，但该生民族为汉族'));
  }
}
