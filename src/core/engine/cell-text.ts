/** Reading a core `Cell` as text, the way a registrar sees it. */
import type { Cell } from '../types';

export function numberText(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'string':
      return cell.value as string;
    case 'number':
      return numberText(cell.value as number);
    case 'boolean':
      return cell.value ? 'TRUE' : 'FALSE';
    case 'error':
      return String(cell.value);
    default:
      return '';
  }
}

/** True when the number format renders a number as a date (yyyy, mm/dd, 年月日 …), not as a time only. */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat || numberFormat === 'General' || numberFormat === '@') return false;
  const stripped = numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[yd]|年|月|日/i.test(stripped) || /m.*d|d.*m/i.test(stripped);
}
