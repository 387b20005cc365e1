/** Every error the pane met, newest first, in Chinese, each with the original detail for support. Never hidden. */
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { PaneError } from '../errors';

export interface ShownError {
  id: number;
  error: PaneError;
}

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorStatusDangerBackground1,
    border: `1px solid ${tokens.colorStatusDangerBorder1}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
  },
  text: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  detail: { display: 'block', color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function ErrorBanner({ errors, onDismiss }: { errors: readonly ShownError[]; onDismiss: (id: number) => void }) {
  const s = useStyles();
  if (errors.length === 0) return null;
  return (
    <div className={s.box} role="alert" aria-label="错误">
      {errors.map(({ id, error }) => (
        <div key={id} className={s.item} data-error-code={error.code}>
          <div className={s.text}>
            <div>{error.message}</div>
            {error.detail ? <Caption1 className={s.detail}>详细信息：{error.detail}</Caption1> : null}
          </div>
          <Button size="small" appearance="subtle" onClick={() => onDismiss(id)} aria-label="关闭此错误提示">
            关闭
          </Button>
        </div>
      ))}
    </div>
  );
}
