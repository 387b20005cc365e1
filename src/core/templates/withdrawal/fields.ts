/** 学信网退学汇总名单's columns (DOMAIN.md §2 T2, 陕西 2022): the ones that must be there and filled. */
import type { Field } from '../fields';

export const WITHDRAWAL_REQUIRED: readonly Field[] = ['seq', 'branchName', 'studentId', 'name'];
