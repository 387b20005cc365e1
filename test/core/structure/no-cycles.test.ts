/**
 * Issue 13 item 3: no import circle in src/core (type-only imports count: they tie the modules just the same).
 * madge reads the imports; a cycle fails the test with its path.
 */
import * as path from 'node:path';

interface MadgeGraph {
  obj(): Record<string, string[]>;
  circular(): string[][];
}
// madge ships no types: its API is one function (https://github.com/pahen/madge#api).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const madge = require('madge') as (root: string, config: { fileExtensions: string[]; tsConfig: string }) => Promise<MadgeGraph>;

const ROOT = path.resolve(__dirname, '../../..');

describe('imports in src/core', () => {
  it('form no circle', async () => {
    const graph = await madge(path.join(ROOT, 'src/core'), {
      fileExtensions: ['ts'],
      tsConfig: path.join(ROOT, 'tsconfig.core.json'),
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(50);
    expect(graph.circular()).toEqual([]);
  });
});
