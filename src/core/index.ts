/** The pure core's public surface: used by the command line, the task pane and the browser workbench. */
export * from './types';
export { analyseSheet, isEmptySheet, type CheckOptions, type SheetAnalysis } from './engine/check';
export { analyseWorkbook, checkWorkbook, summarise } from './engine/report';
export { planFixes, applyPatchesToSheet, type FixPlan } from './engine/fix';
export { detectHeader } from './engine/header';
export { DEFAULT_PROFILE, defaultProfileJson, mergeProfile } from './profile/default-profile';
export { parseProfile, profileSchema, ProfileError, type Profile } from './profile/schema';
export { TEMPLATE_SPECS } from './templates/specs';
export { RULES, ruleEntry, ruleTitle, type RuleEntry } from './rules/catalog';
export { tableStory, type TableStory } from './engine/describe';
export { showCell, showPatch, shownText, visible, VISIBLE_LEGEND, type ShownValue } from './engine/show';
export * as exporter from './export';
