/** Where the command line writes: injected so tests run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress rewrites one line instead of printing many. */
  stderrIsTTY: boolean;
  cwd: string;
  /** Today, as YYYY-MM-DD (the default report date). */
  today: string;
}

export function processIO(): CliIO {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // Under the launcher stderr is a pipe to it; it says whether its own stderr is a terminal.
    stderrIsTTY: Boolean(process.stderr.isTTY) || process.env.XUEJI_STDERR_TTY === '1',
    cwd: process.cwd(),
    today: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
  };
}

/** Exit codes of every verb (DOMAIN.md §6): 0 no errors, 1 errors found, 2 input unusable. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;
/** A bug of ours (never an input's fault): said in Chinese, without a stack trace. */
export const EXIT_INTERNAL = 3;
/** Stopped by Ctrl+C (SIGINT) or SIGTERM: 128 + the signal's number, as shells report it. */
export const EXIT_SIGINT = 130;
export const EXIT_SIGTERM = 143;
