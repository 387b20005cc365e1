/**
 * office-addin-manifest's offline reader (`OfficeAddinManifest.readManifestFile`), run by Node itself in a child
 * process: the package loads an ESM-only dependency that jest's module system cannot. Never its `validate`, which
 * calls Microsoft's online service (`npm run validate`).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';

const ROOT = join(__dirname, '..', '..');

export function readManifest(path: string): ManifestInfo {
  const script =
    "require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])" +
    '.then((i) => process.stdout.write(JSON.stringify(i)), (e) => { process.stderr.write(String(e)); process.exit(1); })';
  return JSON.parse(execFileSync(process.execPath, ['-e', script, path], { cwd: ROOT, encoding: 'utf8' })) as ManifestInfo;
}
