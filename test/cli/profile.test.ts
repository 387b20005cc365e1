/** `xueji profile --print-default`, and how a bad --profile is refused (DOMAIN.md §7). */
import * as fs from 'node:fs';
import { defaultProfileJson } from '../../src/core/profile/default-profile';
import { expectOneChineseLine, rosterRows, saveRoster, tempDir, xueji } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let roster: string;
beforeAll(async () => {
  roster = await saveRoster(tmp.file('名单.xlsx'), rosterRows(3));
});

function profileFile(name: string, text: string): string {
  const p = tmp.file(name);
  fs.writeFileSync(p, text);
  return p;
}

describe('xueji profile --print-default', () => {
  it('prints JSON that parses and equals the built-in default profile', async () => {
    const r = await xueji(['profile', '--print-default']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(defaultProfileJson());
    expect(JSON.parse(r.stdout)).toMatchObject({ centreCode: { length: 8, pad: 'left' }, limits: { fixMaxRows: 200000 } });
  });

  it('the printed profile, saved as a file, is accepted and checks like no profile at all', async () => {
    const printed = (await xueji(['profile', '--print-default'])).stdout;
    const p = profileFile('默认.json', printed);
    const withProfile = await xueji(['check', roster, '--json', '--profile', p]);
    const without = await xueji(['check', roster, '--json']);
    expect(withProfile.code).toBe(0);
    expect(withProfile.stdout).toBe(without.stdout);
  });

  it('a profile saved with a UTF-8 BOM (as Windows Notepad does) is accepted', async () => {
    const p = profileFile('带BOM.json', '\uFEFF' + JSON.stringify({ centreCode: { length: 8 } }));
    expect((await xueji(['check', roster, '--profile', p])).code).toBe(0);
  });
});

describe('a bad profile is refused with exit 2 and a message naming the field', () => {
  it.each([
    ['a string where a number belongs', { centreCode: { length: '八' } }, 'centreCode.length'],
    ['a pad side that does not exist', { centreCode: { pad: 'middle' } }, 'centreCode.pad'],
    ['a length out of range', { centreCode: { length: 40 } }, 'centreCode.length'],
    ['a zero row cap', { limits: { fixMaxRows: 0 } }, 'limits.fixMaxRows'],
    ['an unknown top-level field', { centerCode: { length: 8 } }, 'centerCode'],
    ['a badly written report date', { reportDate: '2026/11/22' }, 'reportDate'],
  ])('%s', async (_name, profile, field) => {
    const p = profileFile(`bad-${field}-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(profile));
    for (const argv of [['check', roster, '--profile', p], ['fix', roster, '--dry-run', '--profile', p]]) {
      const r = await xueji(argv);
      expect(r.code).toBe(2);
      expectOneChineseLine(r.stderr);
      expect(r.stderr).toContain(field);
      expect(r.stdout).toBe('');
    }
  });

  it('a file that is not JSON exits 2 saying so', async () => {
    const p = profileFile('不是JSON.json', 'centreCode: 10\n');
    const r = await xueji(['check', roster, '--profile', p]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('JSON');
    expect(r.stderr).toContain('不是JSON.json');
    expect(r.stdout).toBe('');
  });

  it('a profile file that does not exist exits 2 saying so', async () => {
    const r = await xueji(['check', roster, '--profile', tmp.file('没有.json')]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
    expect(r.stderr).toContain('没有.json');
  });

  it('a JSON array instead of an object exits 2', async () => {
    const p = profileFile('数组.json', '[1, 2]');
    const r = await xueji(['check', roster, '--profile', p]);
    expect(r.code).toBe(2);
    expectOneChineseLine(r.stderr);
  });
});
