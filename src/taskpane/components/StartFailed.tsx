/** The pane could not start (no port): the typed error, in Chinese, instead of an empty pane. */
import { makeStyles, Text, Title3, tokens } from '@fluentui/react-components';
import type { PaneError } from '../errors';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
  detail: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function StartFailed({ error }: { error: PaneError }) {
  const s = useStyles();
  return (
    <div className={s.box} role="alert" data-error-code={error.code}>
      <Title3 as="h1">任务窗格无法启动</Title3>
      <Text>{error.message}</Text>
      {error.detail ? <Text className={s.detail}>详细信息：{error.detail}</Text> : null}
    </div>
  );
}
