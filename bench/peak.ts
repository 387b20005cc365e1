/**
 * Runs one `xueji` command in this process and prints, as JSON on stdout, its exit code, the process's peak resident
 * memory and the time taken (the command's own output is discarded). `bench/memory.ts` starts it the way the `xueji`
 * executable starts its worker — the same heap cap (src/cli/launcher.ts) — so the peak is the one a registrar gets.
 */
import { readFileSync } from 'node:fs';
import { run } from '../src/cli/main';
import type { CliIO } from '../src/cli/io';

/**
 * This process's peak resident memory in MB. Linux keeps `maxRSS` across exec, so a child started by a large parent
 * would report the parent's peak: /proc/self/status's VmHWM belongs to this program alone.
 */
function peakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // Not Linux: maxRSS (kilobytes) below.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
  let firstError = '';
  const io: CliIO = {
    stdout: () => undefined,
    stderr: (t) => {
      if (!firstError && /^xueji：/.test(t)) firstError = t.trim();
    },
    stderrIsTTY: false,
    cwd: process.cwd(),
    today: '2026-11-22',
  };
  const t0 = process.hrtime.bigint();
  const code = await run(process.argv.slice(2), io);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stdout.write(JSON.stringify({ code, peakMb: peakMb(), seconds, message: firstError }) + '\n');
}

void main();
