/** The check's summary: sheet, template, records, and the counts of errors, warnings and fixable issues. */
import { Badge, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { SheetReport, Summary } from '../../core/types';
import { templateTitle } from '../model';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function SummaryBar({ report, summary, requested }: { report: SheetReport; summary: Summary; requested: boolean }) {
  const s = useStyles();
  const clean = summary.errors === 0 && summary.warnings === 0;
  return (
    <section className={s.box} aria-label="校验结果摘要">
      <Caption1 className={s.meta}>
        工作表“{report.sheet}” · 模板：{templateTitle(report.template)}
        {report.template ? (requested ? '（手动选择）' : '（自动识别）') : ''}
        {report.headerRow ? ` · 表头在第 ${report.headerRow} 行` : ''} · 记录 {report.records} 条
      </Caption1>
      {clean ? (
        <Text weight="semibold" role="status">
          没有发现问题。
        </Text>
      ) : (
        <div className={s.counts} role="status" aria-label={`错误 ${summary.errors} 个，警告 ${summary.warnings} 个，可自动修复 ${summary.fixable} 个`}>
          <Badge color="danger" appearance="filled" data-testid="count-errors">
            错误 {summary.errors}
          </Badge>
          <Badge color="warning" appearance="filled" data-testid="count-warnings">
            警告 {summary.warnings}
          </Badge>
          <Badge color="success" appearance="tint" data-testid="count-fixable">
            可修复 {summary.fixable}
          </Badge>
        </div>
      )}
    </section>
  );
}
