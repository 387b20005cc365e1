/** The sheets the pane's tests check: generated students only (test/helpers), never real ones. */
import type { SheetInput } from '../../src/core/types';
import { wdRecord, wdRecords, wdSheet } from '../helpers/rules';

/**
 * A 退学 roster with: C2 full-width digits (fixable), D3 a space in the name (fixable), C4 a 14-digit 学号
 * (error, not fixable), B5 a second 分部 (warning).
 */
export function rosterWithIssues(name = '退学'): SheetInput {
  const recs = wdRecords(4);
  recs[0] = wdRecord(0, { 学号全码: '２０13001200001' });
  recs[1] = wdRecord(1, { 学生姓名: '刘 洋' });
  recs[2] = wdRecord(2, { 学号全码: '20130012000031' });
  recs[3] = wdRecord(3, { 分部名称: '北京分部' });
  return wdSheet(recs, { name });
}

/** A clean roster. */
export function cleanRoster(name = '退学'): SheetInput {
  return wdSheet(wdRecords(3), { name });
}
