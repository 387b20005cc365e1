/**
 * The `xueji` executable's launcher (issue 14 item 2, "peak ≤ 1 GB for any input"): the command runs in a child whose
 * heap is capped at 3/4 of the profile's limits.memoryMB; a child that still runs out of memory ends in one Chinese
 * line and exit 2 — V8's native report never reaches the registrar.
 */
import * as fs from 'node:fs';
import { DEFAULT_MEMORY_MB, heapMb, launch, memoryLimitMb } from '../../src/cli/launcher';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('the memory limit', () => {
  it('is 1024 MB, of which 768 MB heap, without a profile', () => {
    expect(memoryLimitMb(['check', 'a.xlsx'])).toBe(DEFAULT_MEMORY_MB);
    expect(heapMb(DEFAULT_MEMORY_MB)).toBe(768);
  });

  it('is the profile’s limits.memoryMB, given as --profile FILE or --profile=FILE', () => {
    const p = tmp.file('大内存.json');
    fs.writeFileSync(p, '\uFEFF' + JSON.stringify({ limits: { memoryMB: 3000 } }));
    expect(memoryLimitMb(['check', 'a.xlsx', '--profile', p])).toBe(3000);
    expect(memoryLimitMb(['check', `--profile=${p}`, 'a.xlsx'])).toBe(3000);
  });

  it('falls back to the default for a profile it cannot read (the command itself then says what is wrong)', () => {
    const bad = tmp.file('坏.json');
    fs.writeFileSync(bad, '{ limits: ');
    expect(memoryLimitMb(['check', 'a.xlsx', '--profile', bad])).toBe(DEFAULT_MEMORY_MB);
    expect(memoryLimitMb(['check', 'a.xlsx', '--profile', tmp.file('没有.json')])).toBe(DEFAULT_MEMORY_MB);
  });
});

describe('a child that runs out of memory', () => {
  it('ends in one Chinese line naming limits.memoryMB, exit 2, without V8’s report', async () => {
    const hog = tmp.file('hog.js');
    fs.writeFileSync(hog, 'const a = []; for (;;) a.push(new Array(100000).fill(a.length));\n');
    const profile = tmp.file('小内存.json');
    fs.writeFileSync(profile, JSON.stringify({ limits: { memoryMB: 256 } }));
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += chunk.toString();
      return true;
    });
    let code: number;
    try {
      code = await launch(hog, ['--profile', profile]);
    } finally {
      spy.mockRestore();
    }
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('内存不足');
    expect(lines[0]).toContain('256 MB');
    expect(lines[0]).toContain('limits.memoryMB');
    expect(stderr).not.toMatch(/FATAL|heap|GC/);
  });

  it('passes the child’s own exit code and stderr through otherwise', async () => {
    const script = tmp.file('ok.js');
    fs.writeFileSync(script, "process.stderr.write('xueji：说明\\n'); process.exitCode = 1;\n");
    let stderr = '';
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += chunk.toString();
      return true;
    });
    try {
      expect(await launch(script, [])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toBe('xueji：说明\n');
  });
});
