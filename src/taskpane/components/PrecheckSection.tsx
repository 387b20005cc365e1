/**
 * The 毕业资格预审 section of the pane (and so of the workbench). Its body (GraduationPrecheck.tsx) is a chunk of its
 * own, fetched when the registrar first opens the section, as 书面报告's is; a chunk that cannot be loaded leaves the
 * rest of the pane working and says so.
 */
import { lazy, Suspense } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, Text } from '@fluentui/react-components';
import type { GraduationPrecheckProps } from './GraduationPrecheck';

const GraduationPrecheck = lazy(() =>
  import(/* webpackChunkName: "graduation-precheck" */ './GraduationPrecheck').then(
    (m) => ({ default: m.GraduationPrecheck }),
    (e: unknown) => ({
      default: () => <Text role="alert">毕业资格预审功能未能加载（{e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试。</Text>,
    }),
  ),
);

export function PrecheckSection(props: GraduationPrecheckProps) {
  return (
    <Accordion collapsible>
      <AccordionItem value="graduation-precheck">
        <AccordionHeader>毕业资格预审</AccordionHeader>
        <AccordionPanel>
          <Suspense fallback={<Caption1>正在加载…</Caption1>}>
            <GraduationPrecheck {...props} />
          </Suspense>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
