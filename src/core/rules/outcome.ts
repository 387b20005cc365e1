import type { IssueDraft } from '../engine/issue';

/** What a field validator says about one cleaned value. */
export interface Outcome<T = undefined> {
  drafts: IssueDraft[];
  /** The canonical value when a fixable rule fired (e.g. x → X, 汉 → 汉族). */
  canonical?: string;
  /** What was parsed, for cross-column rules. */
  parsed?: T;
}
