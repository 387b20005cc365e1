/**
 * `npm run fuzz [-- COUNT [FIRST_SEED]]`: thousands of seeded odd workbooks (scripts/fuzz/workbooks.ts) through
 * `check --json` and `fix`, each held to scripts/fuzz/verify.ts (the fuzz test in `npm test` runs 300). Prints the
 * counts the issue asks for — files, crashes, bad addresses, refused promises, unreadable copies, collateral changes,
 * wrong patches, non-idempotent fixes — with the first seeds of each, and exits 1 when any is not zero.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fuzzWorkbook } from './workbooks';
import { verify, type Problem } from './verify';
import { padEnd } from '../../src/cli/format';

const KINDS: [Problem, string][] = [
  ['crash', '崩溃（退出码不是 0/1/2）'],
  ['bad-json', 'JSON 无效'],
  ['bad-address', '问题或修改不在真实单元格上'],
  ['refused-promise', '标了“可修复”却拒绝修复'],
  ['unreadable-output', '修复后的副本打不开'],
  ['collateral', '未修改的单元格变了'],
  ['wrong-patch', '修改没有按计划写入'],
  ['non-idempotent', '再修复一次仍有修改'],
];

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 3000);
  const first = Number(process.argv[3] ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'xueji-fuzz-'));
  const files = new Map<Problem, Set<number>>(KINDS.map(([k]) => [k, new Set()]));
  const examples: string[] = [];
  const exits = new Map<string, number>();
  const t0 = Date.now();
  try {
    for (let seed = first; seed < first + count; seed++) {
      const file = join(dir, 'fuzz.xlsx');
      writeFileSync(file, await fuzzWorkbook(seed));
      const v = await verify(file, dir);
      exits.set(`check ${v.check} / fix ${v.fix}`, (exits.get(`check ${v.check} / fix ${v.fix}`) ?? 0) + 1);
      for (const p of v.problems) {
        files.get(p.kind)!.add(seed);
        if (examples.length < 20) examples.push(`  seed ${seed}  ${p.kind}  ${p.detail.slice(0, 200)}`);
      }
      if ((seed - first + 1) % 500 === 0) process.stderr.write(`已检查 ${seed - first + 1} 个工作簿…\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [`模糊测试：${count} 个工作簿（种子 ${first}–${first + count - 1}），${((Date.now() - t0) / 1000).toFixed(0)} 秒`];
  for (const [k, label] of KINDS) lines.push(`  ${padEnd(label, 30)} ${files.get(k)!.size} 个文件`);
  lines.push(`  退出码（check / fix）：${[...exits].sort().map(([e, n]) => `${e} ×${n}`).join('，')}`);
  if (examples.length) lines.push('最先出现的问题：', ...examples);
  process.stdout.write(lines.join('\n') + '\n');
  if ([...files.values()].some((s) => s.size > 0)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`模糊测试失败：${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
