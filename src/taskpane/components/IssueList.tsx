/**
 * The issues grouped by rule. Each entry shows its cell address and message; clicking it selects the cell in the
 * sheet. The entry's button shows and is named by the address alone (the message is its description), so that
 * tools and screen readers find `C6` without messages ("校验码…", "计算机应用基础") clashing with the action buttons.
 */
import { memo, useId, useState } from 'react';
import { Badge, Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Issue } from '../../core/types';
import type { IssueGroup } from '../model';

/** Entries shown per group at first, and added by each 再显示. */
export const PAGE = 100;

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  group: { listStyleType: 'none' },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `0 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  rule: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  items: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { listStyleType: 'none' },
  entry: {
    display: 'flex',
    width: '100%',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    borderLeft: '3px solid transparent',
    borderRadius: tokens.borderRadiusSmall,
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  static: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: { flexShrink: 0, minWidth: '3.2em', fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  cellButton: {
    border: 'none',
    background: 'none',
    padding: 0,
    color: tokens.colorBrandForegroundLink,
    textAlign: 'left',
    cursor: 'pointer',
    textDecorationLine: 'underline',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  message: { minWidth: 0, overflowWrap: 'anywhere' },
  more: { marginTop: tokens.spacingVerticalXS },
});

/** Drawn again only when its issue, its current state or the handler changes (a live re-check keeps most issues). */
const IssueEntry = memo(function IssueEntry({ issue, current, onSelect }: { issue: Issue; current: boolean; onSelect: (i: Issue) => void }) {
  const s = useStyles();
  const id = useId();
  const tone = issue.severity === 'error' ? s.error : s.warning;
  const message = (
    <span id={id} className={s.message}>
      {issue.severity === 'warning' ? '（警告）' : ''}
      {issue.message}
      {issue.fix ? '（可自动修复）' : ''}
    </span>
  );
  if (!issue.cell) {
    return (
      <div className={mergeClasses(s.entry, s.static, tone)} data-severity={issue.severity}>
        <span className={s.cell}>{issue.rule.startsWith('header.') ? '表头' : '工作表'}</span>
        {message}
      </div>
    );
  }
  // The button holds the address alone, so its accessible name is exactly what it shows (WCAG 2.5.3) and no
  // message ("校验码…", "计算机应用基础") clashes with the action buttons; the message is its description. A click
  // anywhere on the entry selects the cell too.
  return (
    <div className={mergeClasses(s.entry, tone, current && s.current)} data-severity={issue.severity} onClick={() => onSelect(issue)}>
      <button
        type="button"
        className={mergeClasses(s.cell, s.cellButton)}
        aria-describedby={id}
        aria-current={current ? 'true' : undefined}
        data-cell={issue.cell}
        data-severity={issue.severity}
        onClick={(e) => {
          e.stopPropagation();
          onSelect(issue);
        }}
      >
        {issue.cell}
      </button>
      {message}
    </div>
  );
});

function Group({ group, current, onSelect }: { group: IssueGroup; current: Issue | null; onSelect: (i: Issue) => void }) {
  const s = useStyles();
  const [shown, setShown] = useState(PAGE);
  const headingId = useId();
  const rest = group.issues.length - shown;
  return (
    <li className={s.group} data-rule={group.rule}>
      <h3 className={s.heading} id={headingId}>
        <Badge size="small" color={group.severity === 'error' ? 'danger' : 'warning'} appearance="filled">
          {group.issues.length}
        </Badge>
        <span>{group.title}</span>
        <Caption1 className={s.rule}>{group.rule}</Caption1>
      </h3>
      <ul className={s.items} aria-labelledby={headingId}>
        {group.issues.slice(0, shown).map((issue, k) => (
          <li key={k} className={s.item}>
            <IssueEntry issue={issue} current={issue === current} onSelect={onSelect} />
          </li>
        ))}
      </ul>
      {rest > 0 ? (
        <Button className={s.more} size="small" appearance="transparent" onClick={() => setShown(shown + PAGE)}>
          再显示 {Math.min(rest, PAGE)} 条（还有 {rest} 条）
        </Button>
      ) : null}
    </li>
  );
}

export function IssueList({
  groups,
  current,
  onSelect,
}: {
  groups: readonly IssueGroup[];
  current: Issue | null;
  onSelect: (i: Issue) => void;
}) {
  const s = useStyles();
  if (groups.length === 0) return null;
  return (
    <ul className={s.list} aria-label="问题列表（按规则分组）">
      {groups.map((g) => (
        <Group key={g.rule} group={g} current={current} onSelect={onSelect} />
      ))}
    </ul>
  );
}
