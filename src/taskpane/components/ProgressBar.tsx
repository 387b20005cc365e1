/** What the pane is busy with, with a bar: determinate while rows are read, indeterminate otherwise. */
import { Field, ProgressBar as FluentProgressBar } from '@fluentui/react-components';
import type { Activity } from '../activity';

export function ProgressBar({ activity }: { activity: Activity | null }) {
  if (!activity) return null;
  return (
    <Field validationMessage={activity.label} validationState="none" aria-live="polite">
      <FluentProgressBar
        aria-label={activity.label}
        thickness="large"
        {...(activity.value === undefined ? {} : { value: activity.value, max: 1 })}
      />
    </Field>
  );
}
