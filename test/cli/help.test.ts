/** `--help` speaks Chinese (issue 9 item 7): headings, the usage line, descriptions aligned in terminal columns. */
import { displayWidth } from '../../src/cli/format';
import { wrapColumns } from '../../src/cli/main';
import { xueji } from './helpers';

/** The display column where each item's description starts, in one section of the help. */
function descriptionColumns(help: string, heading: string): number[] {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  const out: number[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const m = /^( {2}\S.*?\S? {2,})\S/.exec(line);
    if (m) out.push(displayWidth(m[1]!));
  }
  return out;
}

test.each([[[]], [['check']], [['fix']], [['export']], [['files']], [['photos']]])('xueji %j --help: Chinese headings, no English ones', async (verb) => {
  const r = await xueji([...verb, '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^用法：xueji|^用法： xueji/);
  expect(r.stdout).toContain('选项：');
  expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|Arguments:|\[options\]/);
});

test('the verbs and their descriptions line up although the terms hold Chinese', async () => {
  const r = await xueji(['--help']);
  expect(r.stdout).toContain('命令：');
  const cols = descriptionColumns(r.stdout, '命令：');
  expect(cols.length).toBeGreaterThanOrEqual(7);
  expect(new Set(cols).size).toBe(1);
  const check = await xueji(['check', '--help']);
  expect(check.stdout).toContain('参数：');
  expect(new Set(descriptionColumns(check.stdout, '选项：')).size).toBe(1);
});

test('--help points at the rules and the report format inside the project', async () => {
  const r = await xueji(['--help']);
  expect(r.stdout).toContain('docs/rules.md');
  expect(r.stdout).toContain('docs/report-format.md');
  expect(r.stdout).not.toContain('DOMAIN.md');
  expect((await xueji(['check', '--help'])).stdout).not.toContain('DOMAIN.md');
});

test('Chinese text wraps within the width, never inside an option name, never before closing punctuation', () => {
  const text = '按学校要求的模板导出报送文件：自动修正后写入 --output-folder 指定的文件夹（原文件不会被修改）（退出码：0 已导出，1 仍有无法修复的错误，2 无法使用）';
  for (const width of [20, 27, 33, 40]) {
    const lines = wrapColumns(text, width).split('\n');
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    for (const l of lines) {
      expect(displayWidth(l)).toBeLessThanOrEqual(width);
      expect(l).not.toMatch(/^[）】」』、，。：；！？]/);
      expect(l).not.toMatch(/[（【「『]$/);
    }
    expect(lines.some((l) => l.includes('--output-folder'))).toBe(true);
  }
});
