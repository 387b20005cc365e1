/**
 * The 书面报告 section of the pane. Its body (WrittenReport.tsx, with the report counting) is a chunk of its own,
 * fetched when the registrar first opens the section (LazySection.tsx), and the `docx` library a further one fetched
 * on 生成书面报告: neither is in the bundle the pane starts with.
 */
import type { WrittenReportProps } from './WrittenReport';
import { LazySection, lazyBody } from './LazySection';

const WrittenReport = lazyBody('书面报告', () =>
  import(/* webpackChunkName: "written-report" */ './WrittenReport').then((m) => m.WrittenReport),
);

export function WrittenReportSection(props: WrittenReportProps) {
  return (
    <LazySection title="书面报告" value="written-report">
      <WrittenReport {...props} />
    </LazySection>
  );
}
