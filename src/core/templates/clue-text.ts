/** Title rows and sheet names are compared with every space removed (templates/clues.ts, the families' gates). */
export function compactClue(text: string): string {
  return text.replace(/[\s\u00a0\u3000]/g, '');
}
