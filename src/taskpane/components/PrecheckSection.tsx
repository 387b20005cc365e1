/**
 * The 毕业资格预审 section of the pane (and so of the workbench). Its body (GraduationPrecheck.tsx) is a chunk of its
 * own, fetched when the registrar first opens the section, as 书面报告's is (LazySection.tsx).
 */
import type { GraduationPrecheckProps } from './GraduationPrecheck';
import { LazySection, lazyBody } from './LazySection';

const GraduationPrecheck = lazyBody('毕业资格预审', () =>
  import(/* webpackChunkName: "graduation-precheck" */ './GraduationPrecheck').then((m) => m.GraduationPrecheck),
);

export function PrecheckSection(props: GraduationPrecheckProps) {
  return (
    <LazySection title="毕业资格预审" value="graduation-precheck">
      <GraduationPrecheck {...props} />
    </LazySection>
  );
}
