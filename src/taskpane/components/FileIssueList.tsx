/**
 * The issues of picked files (附件检查 and 修正照片): one line each, the roster cell as a link that selects it, the
 * message, then the rule id and the file's path in grey — the pane's issue list (IssueList.tsx) is for sheet cells,
 * these are about files.
 */
import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { FileIssue } from '../../core/types';

export const useFileListStyles = makeStyles({
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    listStyleType: 'none',
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: '3px solid transparent',
    overflowWrap: 'anywhere',
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  done: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  cell: {
    flexShrink: 0,
    minWidth: '3.2em',
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
    border: 'none',
    background: 'none',
    padding: 0,
    textAlign: 'left',
  },
  link: { color: tokens.colorBrandForegroundLink, cursor: 'pointer', textDecorationLine: 'underline' },
  rule: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export interface FileIssueListProps {
  issues: readonly FileIssue[];
  label: string;
  /** Said before an error's message ('' in 附件检查, where every line is a problem; 修正照片: （无法修正）). */
  errorPrefix: string;
  onSelect: (i: FileIssue) => void;
}

export function FileIssueList({ issues, label, errorPrefix, onSelect }: FileIssueListProps) {
  const s = useFileListStyles();
  return (
    <ul className={s.list} aria-label={label}>
      {issues.map((i, k) => (
        <li key={k} className={mergeClasses(s.item, i.severity === 'error' ? s.error : s.warning)} data-rule={i.rule} data-severity={i.severity}>
          {i.cell ? (
            <button type="button" className={mergeClasses(s.cell, s.link)} data-cell={i.cell} onClick={() => onSelect(i)}>
              {i.cell}
            </button>
          ) : (
            <span className={s.cell}>—</span>
          )}
          <span>
            {i.severity === 'warning' ? '（警告）' : errorPrefix}
            {i.message}
            <Caption1 className={s.rule}> {i.path ? `${i.rule} · ${i.path}` : i.rule}</Caption1>
          </span>
        </li>
      ))}
    </ul>
  );
}
