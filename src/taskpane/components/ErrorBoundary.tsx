/** A render error anywhere in the pane: a Chinese message and a way back, instead of a blank pane. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { toPaneError, type PaneError } from '../errors';

interface State {
  error: PaneError | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; onReload?: () => void }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(e: unknown): State {
    return { error: toPaneError(e, 'render') };
  }

  override componentDidCatch(_e: unknown, _info: ErrorInfo): void {
    // Shown on the pane (render()); nothing is logged: a message may quote a cell.
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const reload = this.props.onReload ?? (() => window.location.reload());
    return (
      <div role="alert" style={{ padding: 16, fontFamily: 'Microsoft YaHei, PingFang SC, sans-serif', lineHeight: 1.6 }}>
        <h2 style={{ fontSize: 16, margin: '0 0 8px' }}>任务窗格出现意外错误</h2>
        <p style={{ margin: '0 0 8px' }}>
          工作表中的数据没有被改动。请点击“重新加载”；如果问题一再出现，请把下面的信息告诉技术支持。
        </p>
        <p style={{ margin: '0 0 8px', color: '#616161', overflowWrap: 'anywhere' }}>
          {error.message}
          {error.detail ? `（${error.detail}）` : ''}
        </p>
        <button type="button" onClick={reload}>
          重新加载
        </button>
      </div>
    );
  }
}
