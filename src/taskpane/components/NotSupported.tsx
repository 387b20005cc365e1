/** Screens for where the pane cannot work: outside Excel, or an Excel too old for it (the ES5 guard's twin). */
import { Link, makeStyles, Text, Title3, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalL },
});

export type Unsupported = 'not-excel' | 'old-excel' | 'no-office';

const TEXT: Record<Unsupported, { title: string; body: string }> = {
  'not-excel': {
    title: '请在 Excel 中打开',
    body: '学籍表格助手是 Excel 加载项：请在 Excel（Microsoft 365、Office 2021/2024 或 Excel 网页版）的“开始”选项卡点击“学籍表格助手”打开。',
  },
  'old-excel': {
    title: '此版本的 Excel 过旧',
    body: '学籍表格助手需要 Microsoft 365、Office 2021/2024 或 Excel 网页版（需要 ExcelApi 1.9 和新版网页控件）。Excel 2016、2019 和 WPS 请改用浏览器工作台，或使用命令行工具 xueji。',
  },
  'no-office': {
    title: '无法加载 Office 组件',
    body: '没能加载 office.js（它与本页面放在同一台服务器上）。请检查网络或服务器设置后重新打开任务窗格。',
  },
};

export function NotSupported({ why }: { why: Unsupported }) {
  const s = useStyles();
  const t = TEXT[why];
  return (
    <div className={s.box} role="alert">
      <Title3 as="h1">{t.title}</Title3>
      <Text>{t.body}</Text>
      <Text>
        使用说明见 <Link href="help.html">帮助页</Link>。
      </Text>
    </div>
  );
}
