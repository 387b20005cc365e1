/**
 * Errors a port reports outside any call the pane made (a failing change-event handler; createWorkbook failing
 * and a download offered instead). The port is made before the app mounts, so they pass through this channel,
 * which keeps them until the app listens: none is lost, none is only logged.
 */
import type { PaneAction } from './errors';

export type PortErrorListener = (error: unknown, action: PaneAction) => void;

export class PortErrorChannel {
  private listener: PortErrorListener | null = null;
  private pending: [unknown, PaneAction][] = [];

  emit(error: unknown, action: PaneAction): void {
    if (this.listener) this.listener(error, action);
    else this.pending.push([error, action]);
  }

  /** Listen (one listener at a time); errors that came before are delivered at once. */
  listen(listener: PortErrorListener): () => void {
    this.listener = listener;
    const waiting = this.pending;
    this.pending = [];
    for (const [e, a] of waiting) listener(e, a);
    return () => {
      if (this.listener === listener) this.listener = null;
    };
  }
}
