/**
 * Where 书面报告 sits in the pane. The section is a chunk of its own (webpack splits at this import()), and the
 * `docx` library a further one loaded on 生成书面报告: neither is in the bundle the pane starts with. A chunk that
 * cannot be loaded (a deployment missing it) leaves the rest of the pane working and says so.
 */
import { lazy, Suspense } from 'react';
import { Text } from '@fluentui/react-components';
import type { WrittenReportProps } from './WrittenReport';

const WrittenReport = lazy(() =>
  import(/* webpackChunkName: "written-report" */ './WrittenReport').catch((e: unknown) => ({
    default: () => (
      <Text role="alert">书面报告功能未能加载（{e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试。</Text>
    ),
  })),
);

export function WrittenReportSection(props: WrittenReportProps) {
  return (
    <Suspense fallback={null}>
      <WrittenReport {...props} />
    </Suspense>
  );
}
