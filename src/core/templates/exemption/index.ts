/**
 * T1 免考信息表 (seed 003 §一, DOMAIN.md §2): one row per student and subject, closed by the terminator row
 * "/记录行结束/"; the subject and reason rules are in rows.ts, the profile section in profile.ts.
 */
import type { TemplateDefinition } from '../definition';
import { resolveSection } from '../layout';
import { subjectCodeFromName } from '../../rules/exemption';
import { checkExemptionRow } from './rows';
import { EXEMPTION_REQUIRED } from './fields';

/** Columns only 免考信息表 has: the more a header shows, the surer it is one. */
const EVIDENCE = ['reason', 'subjectCode', 'subjectName', 'centreCode'] as const;

export const exemption: TemplateDefinition = {
  id: 'exemption',
  title: '免考信息表',
  required: EXEMPTION_REQUIRED,
  key: 'studentId',
  sorted: (p) => p.exemption.sortBy === 'studentId',
  // seed 003 §一: 《河北电大免考信息表》
  clue: { title: /免考(信息|名单|汇总|申请|登记)|免考.{0,6}表/, name: /免考/ },
  family: {
    name: 'exemption',
    gate: (m) => m.fields.has('studentId') && (m.fields.has('reason') || m.fields.has('subjectCode')),
    evidence: (m) => EVIDENCE.filter((x) => m.fields.has(x)).length,
    required: EXEMPTION_REQUIRED,
    variant: () => 'exemption',
  },
  rows: {
    // An empty 免考科目代码 is filled from the 科目名称 (rules/exemption.ts), or reported there.
    mayBeEmpty: new Set(['subjectCode']),
    check: checkExemptionRow,
    claims: (rec) => [rec.cells.subjectCode?.fixed ?? ''],
    identity: ['subjectCode'],
    duplicate: '同一学号同一科目',
  },
  table: {
    marker: { kind: 'terminator', text: (p) => p.exemption.terminator, signers: '' },
  },
  layout: (profile) => {
    const l = profile.exemption.layout;
    const marker = { kind: 'terminator', text: profile.exemption.terminator } as const;
    return resolveSection('exemption', l, { sheetName: l.sheetName, marker, legendSheet: l.legendSheet });
  },
  completeExport: (values, profile) => {
    if ((values.subjectCode === null || values.subjectCode === undefined) && typeof values.subjectName === 'string') {
      // 免考科目代码 left out (or its column missing): the code the subject name stands for (seed 003: 71 / 69).
      const code = subjectCodeFromName(values.subjectName, profile);
      if (code) values.subjectCode = code;
    }
  },
};
