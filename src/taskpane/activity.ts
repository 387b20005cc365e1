/** What the pane is busy with: one line of text and, when known, how far along (0..1). */
export interface Activity {
  label: string;
  /** 0..1, or undefined for an indeterminate bar. */
  value?: number;
}

export type SetActivity = (a: Activity | null) => void;

/** Let the browser paint (the progress line) before a synchronous stretch of work such as the analysis. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Set while the add-in itself writes to the sheet (apply, undo) and its re-check runs, so that the live re-check
 * ignores the add-in's own edits; `endedAt` starts a short grace period for change events Excel delivers late.
 */
export interface WriteGuard {
  active: boolean;
  endedAt: number;
}

export function createWriteGuard(): WriteGuard {
  return { active: false, endedAt: 0 };
}

export function beginWrite(g: WriteGuard): void {
  g.active = true;
}

export function endWrite(g: WriteGuard, now: number = Date.now()): void {
  g.active = false;
  g.endedAt = now;
}
