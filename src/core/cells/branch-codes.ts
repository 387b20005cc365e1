/**
 * 分部 codes of the Open University system (DOMAIN.md §1, [public]). `xx0` = the province's GB/T 2260
 * two-digit code + 0; 801–806 and 901–907 are the national sector branches; 010 = 总部.
 */

const PROVINCIAL = [
  '110', '120', '130', '140', '150',
  '210', '211', '212', '220', '221', '230', '231',
  '310', '320', '321', '330', '331', '340', '350', '351', '360', '370', '371',
  '410', '420', '421', '430', '440', '441', '442', '450', '460',
  '510', '511', '512', '520', '530',
  '610', '611', '620', '630', '640', '650', '651',
];
const SECTOR = ['801', '802', '803', '804', '805', '806', '901', '902', '903', '904', '905', '906', '907'];
const HEADQUARTERS = '010';

export const BRANCH_CODES: ReadonlySet<string> = new Set([...PROVINCIAL, ...SECTOR, HEADQUARTERS]);

export function isKnownBranch(code: string): boolean {
  return BRANCH_CODES.has(code);
}
