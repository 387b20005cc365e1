/**
 * The 书面报告 section of the pane. Its body (WrittenReport.tsx, with the report counting) is a chunk of its own,
 * fetched when the registrar first opens the section, and the `docx` library a further one fetched on 生成书面报告:
 * neither is in the bundle the pane starts with. A chunk that cannot be loaded (a deployment missing it) leaves the
 * rest of the pane working and says so.
 */
import { lazy, Suspense } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, Text } from '@fluentui/react-components';
import type { WrittenReportProps } from './WrittenReport';

const WrittenReport = lazy(() =>
  import(/* webpackChunkName: "written-report" */ './WrittenReport').then(
    (m) => ({ default: m.WrittenReport }),
    (e: unknown) => ({
      default: () => <Text role="alert">书面报告功能未能加载（{e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试。</Text>,
    }),
  ),
);

export function WrittenReportSection(props: WrittenReportProps) {
  return (
    <Accordion collapsible>
      <AccordionItem value="written-report">
        <AccordionHeader>书面报告</AccordionHeader>
        {/* The panel's content is mounted only while it is open: the chunk loads on the first opening. */}
        <AccordionPanel>
          <Suspense fallback={<Caption1>正在加载…</Caption1>}>
            <WrittenReport {...props} />
          </Suspense>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
