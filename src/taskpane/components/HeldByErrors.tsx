/**
 * What a file-making action (导出, 生成书面报告) shows when errors no fix resolves hold it back: the errors (the first
 * ones, then how many in all) and the choice to go on anyway or not now — the command line's `--force`, asked.
 */
import type { ReactNode } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorStatusWarningBorder1}`,
    backgroundColor: tokens.colorStatusWarningBackground1,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: 'anywhere',
  },
  list: { margin: 0, paddingLeft: '18px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface HeldByErrorsProps {
  /** The box's accessible name, and its role ('region' stands in the pane, 'group' inside a section). */
  label: string;
  role: 'region' | 'group';
  /** What is held back and why. */
  intro: ReactNode;
  /** The errors shown, one line each. */
  lines: readonly string[];
  /** How many errors there are in all (more than `lines`: "……共 N 个"). */
  total: number;
  onContinue: () => void;
  onCancel: () => void;
  continueDisabled: boolean;
  cancelDisabled: boolean;
}

export function HeldByErrors(p: HeldByErrorsProps) {
  const s = useStyles();
  return (
    <div className={s.box} role={p.role} aria-label={p.label}>
      <Text>{p.intro}</Text>
      <ul className={s.list}>
        {p.lines.map((line, k) => (
          <li key={k}>{line}</li>
        ))}
        {p.total > p.lines.length ? <li>……共 {p.total} 个</li> : null}
      </ul>
      <div className={s.actions}>
        <Button disabled={p.continueDisabled} onClick={p.onContinue}>
          忽略错误继续
        </Button>
        <Button disabled={p.cancelDisabled} onClick={p.onCancel}>
          暂不生成
        </Button>
      </div>
    </div>
  );
}
