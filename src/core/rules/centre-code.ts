/**
 * 学习中心代码: seed 003 "学习中心代码，必须是8位，不足8位的用0补足" — length and pad side from the profile.
 * Codes nest: 分部 3 digits, 分校 5, 学习中心 7; the 分部 is read from the unpadded code.
 */
import { centreCodeBranch, padCentreCode } from '../cells/centre-code';
import type { Profile } from '../profile/schema';
import { err, warn } from '../engine/issue';
import type { Outcome } from './outcome';

export function checkCentreCode(text: string, profile: Profile, storedAsNumber: boolean): Outcome<string> {
  const { length, pad } = profile.centreCode;
  if (!/^\d+$/.test(text)) {
    return { drafts: [err('centre-code.format', `学习中心代码应为${length}位数字，“${text}”含有非数字字符`)] };
  }
  if (text.length > length) {
    return { drafts: [err('centre-code.format', `学习中心代码应为${length}位数字，当前为${text.length}位`)] };
  }
  if (text.length < length) {
    const padded = padCentreCode(text, length, pad);
    // A number already reported as cell.number-stored: its fix writes the padded text; one rule per cell.
    if (storedAsNumber) return { drafts: [], canonical: padded, parsed: padded };
    const side = pad === 'left' ? '前面' : '后面';
    return {
      drafts: [err('centre-code.unpadded', `学习中心代码必须是${length}位，不足${length}位的用0补足（在${side}补0，应为“${padded}”）`, true)],
      canonical: padded,
      parsed: padded,
    };
  }
  return { drafts: [], parsed: text };
}

export function centreBranchMismatch(code: string, studentBranch: string, profile: Profile) {
  const branch = centreCodeBranch(code, profile.centreCode.length, profile.centreCode.pad);
  if (!branch || branch === studentBranch) return null;
  return warn(
    'centre-code.branch-mismatch',
    `学习中心代码所属分部（${branch}）与学号中的分部（${studentBranch}）不一致；转学学生保留原分部学号，如非转学请核对`,
  );
}
