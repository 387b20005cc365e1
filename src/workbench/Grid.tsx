/**
 * The workbench's view of the chosen sheet: a grid that renders only the rows in view (100,000-row sheets stay
 * usable), every cell carrying `data-address` (e.g. `C5`) and every flagged cell `data-severity` (error / warning),
 * in the two highlight colours the pane uses in Excel. The selected cell is scrolled to and focused.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Cell, SheetInput } from '../core/types';
import type { Mark } from '../core/port';
import { address, columnLetter, parseAddress } from '../core/engine/a1';
import { cellText } from '../core/engine/cell-text';

export const ROW_HEIGHT = 26;
const OVERSCAN = 10;
const HEADER_COL_WIDTH = 48;
const COL_WIDTH = 132;

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    height: '100%',
    minHeight: '240px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
  },
  row: { position: 'absolute', left: 0, display: 'flex', height: `${ROW_HEIGHT}px` },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    display: 'flex',
    height: `${ROW_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  cell: {
    boxSizing: 'border-box',
    width: `${COL_WIDTH}px`,
    flexShrink: 0,
    padding: '0 6px',
    lineHeight: `${ROW_HEIGHT - 1}px`,
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: 'pre',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    color: tokens.colorNeutralForeground1,
    ':focus': { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  },
  rowHead: {
    width: `${HEADER_COL_WIDTH}px`,
    textAlign: 'right',
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    position: 'sticky',
    left: 0,
    zIndex: 1,
  },
  // The same two colours as the Excel highlights (src/excel/highlight.ts).
  error: { backgroundColor: '#FFC7CE', color: '#9C0006' },
  warning: { backgroundColor: '#FFEB9C', color: '#6B4E00' },
  selected: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
});

export interface GridProps {
  sheet: SheetInput;
  marks: readonly Mark[];
  selected: string | null;
  /** Grows with every change of the workbook, so the selection is scrolled to again after a re-read. */
  version: number;
}

function display(c: Cell | undefined): string {
  if (!c || c.kind === 'empty') return '';
  return cellText(c);
}

export function Grid({ sheet, marks, selected, version }: GridProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);
  const width = useMemo(() => Math.max(1, ...sheet.rows.slice(0, 200).map((r) => r?.length ?? 0), marks.length ? Math.max(...marks.map((m) => parseAddress(m.cell).col + 1)) : 0), [sheet, marks]);
  const severity = useMemo(() => new Map(marks.map((m) => [m.cell, m.severity])), [marks]);
  const rowCount = Math.max(sheet.rows.length, 1);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 480);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Scroll the selected cell into view, then focus it once it is rendered.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !selected) return;
    const { row, col } = parseAddress(selected);
    const top = (row - 1) * ROW_HEIGHT;
    if (top < el.scrollTop || top > el.scrollTop + el.clientHeight - 2 * ROW_HEIGHT) el.scrollTop = Math.max(0, top - el.clientHeight / 2);
    const left = HEADER_COL_WIDTH + col * COL_WIDTH;
    if (left < el.scrollLeft || left > el.scrollLeft + el.clientWidth - COL_WIDTH) el.scrollLeft = Math.max(0, left - HEADER_COL_WIDTH);
    setScrollTop(el.scrollTop);
    const id = requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-address="${selected}"]`)?.focus({ preventScroll: true }));
    return () => cancelAnimationFrame(id);
  }, [selected, version]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rowCount, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const r = i + 1;
    const cells = [];
    for (let c = 0; c < width; c++) {
      const a = address(r, c);
      const sev = severity.get(a);
      const cls = [styles.cell, sev === 'error' ? styles.error : sev === 'warning' ? styles.warning : '', a === selected ? styles.selected : ''].join(' ');
      const text = display(sheet.rows[i]?.[c]);
      cells.push(
        <div key={c} role="gridcell" className={cls} data-address={a} data-severity={sev} tabIndex={a === selected ? 0 : -1} title={text || undefined}>
          {text}
        </div>,
      );
    }
    rows.push(
      <div key={r} role="row" aria-rowindex={r + 1} className={styles.row} style={{ top: r * ROW_HEIGHT }}>
        <div role="rowheader" className={`${styles.cell} ${styles.rowHead}`}>
          {r}
        </div>
        {cells}
      </div>,
    );
  }
  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label={`工作表「${sheet.name}」`}
      aria-rowcount={rowCount + 1}
      aria-colcount={width + 1}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div style={{ height: (rowCount + 1) * ROW_HEIGHT, width: HEADER_COL_WIDTH + width * COL_WIDTH, position: 'relative' }}>
        <div role="row" aria-rowindex={1} className={styles.head}>
          <div role="columnheader" className={`${styles.cell} ${styles.rowHead}`} aria-label="行号" />
          {Array.from({ length: width }, (_, c) => (
            <div key={c} role="columnheader" className={styles.cell}>
              {columnLetter(c)}
            </div>
          ))}
        </div>
        {rows}
      </div>
    </div>
  );
}
