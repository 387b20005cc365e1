/** The correction sheets' columns (DOMAIN.md §2 T3, seed 003 §五): the ones that must be there and filled. */
import type { Field } from '../fields';

export const CORRECTION_REQUIRED: readonly Field[] = ['seq', 'studentId', 'name', 'item', 'oldValue', 'newValue'];
/** 毕业生: by 注册证号 (seed 003: 毕业生按注册证号（51161开头）). */
export const GRADUATE_REQUIRED: readonly Field[] = ['seq', 'registrationNo', 'name', 'item', 'oldValue', 'newValue'];
