/** 汇总 — merging the centres' sheets (DOMAIN.md §3): inputs → one submission and a report naming every issue's source. */
export * from './types';
export { prepareSource } from './prepare';
export { mergeSources, mergeStory, sourceLabel, type MergeOptions } from './combine';
export { mergeFacts, type MergeFacts } from './template';
