/**
 * A section of the pane whose body is a chunk of its own (书面报告, 毕业资格预审): fetched when the registrar first
 * opens the section, so it is not in the bundle the pane starts with. A chunk that cannot be loaded (a deployment
 * missing it, the network gone) leaves the rest of the pane working and says so in the section.
 * Each caller keeps its own `import()` so that webpack names the chunk there.
 */
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Caption1, Text } from '@fluentui/react-components';

/** The section's body, loaded on first render; `what` names the feature in the message when it cannot be loaded. */
export function lazyBody<P extends object>(what: string, load: () => Promise<ComponentType<P>>) {
  return lazy(() =>
    load().then(
      (component) => ({ default: component }),
      (e: unknown) => ({
        default: (() => (
          <Text role="alert">
            {what}功能未能加载（{e instanceof Error ? e.message : String(e)}），请重新打开任务窗格后再试。
          </Text>
        )) as ComponentType<P>,
      }),
    ),
  );
}

export function LazySection({ title, value, children }: { title: string; value: string; children: ReactNode }) {
  return (
    <Accordion collapsible>
      <AccordionItem value={value}>
        <AccordionHeader>{title}</AccordionHeader>
        {/* The panel's content is mounted only while it is open: the chunk loads on the first opening. */}
        <AccordionPanel>
          <Suspense fallback={<Caption1>正在加载…</Caption1>}>{children}</Suspense>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
