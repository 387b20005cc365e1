/** 免考信息表's columns (DOMAIN.md §2 T1, seed 003 §一): the ones that must be there and filled. */
import type { Field } from '../fields';

export const EXEMPTION_REQUIRED: readonly Field[] = ['centreCode', 'studentId', 'name', 'subjectCode', 'reason'];
