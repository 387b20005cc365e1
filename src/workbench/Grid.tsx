/**
 * The workbench's grid (issue 10): the chosen sheet, editable like a spreadsheet, for registrars without Excel.
 *
 * - Only the rows in view are drawn (@tanstack/react-virtual inside a scroller of bounded height: the page never
 *   scrolls, a 100,000-row sheet draws about 40 rows), and a row is drawn again only when its cells, its marks or
 *   the selection in it change (a memoised row compares plain props).
 * - Every cell carries `data-address` (e.g. `C5`) and, when flagged, `data-severity` (error / warning), in the two
 *   highlight colours the pane uses in Excel.
 * - Editing: typing (IME included), F2 or a double-click edits the active cell; Enter / Tab (with Shift: backwards)
 *   commit and move like a spreadsheet, Esc cancels; Delete clears the selection; a block pasted from WPS or Excel
 *   (tab-separated) fills cells from the active one; Ctrl+C copies the selection the same way; Ctrl+Z / Ctrl+Y undo
 *   and redo (the page's one history). What is typed into a code or ID column stays text (entry.ts).
 * - One always-present text box sits on the active cell and holds the keyboard focus (it is what takes an IME's
 *   composition); it is transparent until the user edits, and names the active cell in `data-active-cell`.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Cell, Patch, SheetInput } from '../core/types';
import type { Mark } from '../core/port';
import { address, columnLetter, parseAddress } from '../core/engine/a1';
import { cellText } from '../core/engine/cell-text';
import { entryPatch } from './entry';
import { blockWidth, formatTsv, parseTsv } from './tsv';

export const ROW_HEIGHT = 26;
const HEADER_COL_WIDTH = 56;
/** Blank rows and columns beyond the sheet, to type new records into. */
const EXTRA_ROWS = 20;
const EXTRA_COLS = 2;
/** Rows measured for the column widths. */
const WIDTH_SAMPLE_ROWS = 500;
const MIN_COL_WIDTH = 64;
const MAX_COL_WIDTH = 360;
const CELL_PADDING = 14;
const FONT_SIZE = 12;

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    height: '100%',
    boxSizing: 'border-box',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: `${FONT_SIZE}px`,
    outlineStyle: 'none',
    // Rows coming and going while scrolling lay out and paint inside this box only, never the page or the pane.
    contain: 'strict',
  },
  content: { position: 'relative' },
  // As tall as all the rows, so that the sticky column letters stay in view however far the grid scrolls.
  table: { position: 'absolute', top: 0, left: 0, width: '100%', height: '100%' },
  // Positioned by transform and contained, so that drawing a row in touches nothing else on the page.
  row: { position: 'absolute', top: 0, left: 0, display: 'flex', height: `${ROW_HEIGHT}px`, contain: 'strict' },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 3,
    display: 'flex',
    height: `${ROW_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  cell: {
    boxSizing: 'border-box',
    flexShrink: 0,
    padding: '0 6px',
    lineHeight: `${ROW_HEIGHT - 1}px`,
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: 'pre',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    color: tokens.colorNeutralForeground1,
    cursor: 'cell',
    contain: 'layout paint',
  },
  number: { textAlign: 'right' },
  rowHead: {
    width: `${HEADER_COL_WIDTH}px`,
    textAlign: 'right',
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground3,
    position: 'sticky',
    left: 0,
    zIndex: 2,
    cursor: 'default',
  },
  colHead: { textAlign: 'center', color: tokens.colorNeutralForeground2, cursor: 'default' },
  // The same two colours as the Excel highlights (src/excel/highlight.ts).
  error: { backgroundColor: '#FFC7CE', color: '#9C0006' },
  warning: { backgroundColor: '#FFEB9C', color: '#6B4E00' },
  inRange: { backgroundColor: '#DCE9F5' },
  active: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  editor: {
    position: 'absolute',
    zIndex: 1,
    boxSizing: 'border-box',
    margin: 0,
    padding: '0 5px',
    height: `${ROW_HEIGHT}px`,
    fontSize: `${FONT_SIZE}px`,
    fontFamily: 'inherit',
    border: `2px solid ${tokens.colorBrandStroke1}`,
    outlineStyle: 'none',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  // Present and focused, but invisible and letting clicks through, until the user edits.
  idle: { opacity: 0, pointerEvents: 'none' },
});

export interface GridProps {
  sheet: SheetInput;
  marks: readonly Mark[];
  /** A cell to go to (the pane selected an issue's cell), and a counter that grows with every such request. */
  selected: string | null;
  selectSerial: number;
  /** Columns whose entries stay text (code and ID columns). */
  textColumns: ReadonlySet<number>;
  /** Write the user's entries (one step of the history). */
  onEdit: (patches: Patch[]) => void;
  onUndo: () => void;
  onRedo: () => void;
}

interface Pos {
  row: number;
  col: number;
}

interface Edit {
  /** 'enter': started by typing, arrows commit and move; 'edit': F2 or a double-click, arrows move the caret. */
  mode: 'enter' | 'edit';
  text: string;
}

function display(c: Cell | undefined): string {
  if (!c || c.kind === 'empty') return '';
  return cellText(c);
}

function cellAt(sheet: SheetInput, p: Pos): Cell | undefined {
  return sheet.rows[p.row - 1]?.[p.col];
}

/** Column widths that fit what the first rows hold (an 18-digit ID in a code column at least). */
function measureWidths(sheet: SheetInput, cols: number, textCols: ReadonlySet<number>, font: string): number[] {
  const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext?.('2d') : null;
  if (ctx) ctx.font = font;
  // Without a canvas (tests), CJK counts as two Latin characters of about 7 px.
  const measure = (s: string) => (ctx ? ctx.measureText(s).width : [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? FONT_SIZE : 7), 0));
  const idWidth = measure('000000000000000000');
  const widths = Array.from({ length: cols }, (_, c) => (textCols.has(c) ? idWidth : 0));
  const last = Math.min(sheet.rows.length, WIDTH_SAMPLE_ROWS);
  for (let r = 0; r < last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < Math.min(row.length, cols); c++) {
      const t = display(row[c]);
      if (t) widths[c] = Math.max(widths[c]!, measure(t));
    }
  }
  return widths.map((w) => Math.round(Math.min(MAX_COL_WIDTH, Math.max(MIN_COL_WIDTH, w + CELL_PADDING))));
}

/** Per row, its marks as a short string ("3e,5w": column 3 error, 5 warning), so that a row re-draws only when they change. */
function marksByRow(marks: readonly Mark[]): Map<number, string> {
  const rows = new Map<number, string[]>();
  for (const m of marks) {
    const { row, col } = parseAddress(m.cell);
    const list = rows.get(row) ?? [];
    list.push(`${col}${m.severity === 'error' ? 'e' : 'w'}`);
    rows.set(row, list);
  }
  return new Map([...rows].map(([r, l]) => [r, l.sort().join(',')]));
}

/** A cell's look, as bits: the class string of every combination is made once per grid (merging classes is not free). */
const NUMBER = 1;
const ERROR = 2;
const WARNING = 4;
const IN_RANGE = 8;
const ACTIVE = 16;

interface RowProps {
  row: number;
  top: number;
  /** The row's full width (the grid's columns and row numbers). */
  width: number;
  cells: ReadonlyArray<Cell | undefined> | undefined;
  widths: readonly number[];
  /** Class names by look bits; the row header's class. */
  classOf: (look: number) => string;
  headClass: string;
  rowClass: string;
  marks: string;
  /** Columns of the selection in this row (-1 when none), and the active cell's column (-1 when not in this row). */
  selLeft: number;
  selRight: number;
  active: number;
}

const Row = memo(function Row({ row, top, width, cells, widths, classOf, headClass, rowClass, marks, selLeft, selRight, active }: RowProps) {
  const severity = new Map<number, 'error' | 'warning'>();
  if (marks) for (const m of marks.split(',')) severity.set(Number(m.slice(0, -1)), m.endsWith('e') ? 'error' : 'warning');
  const out = [];
  for (let c = 0; c < widths.length; c++) {
    const cell = cells?.[c];
    const text = display(cell);
    const sev = severity.get(c);
    const a = address(row, c);
    const inRange = c >= selLeft && c <= selRight;
    const look =
      (cell?.kind === 'number' ? NUMBER : 0) |
      (sev === 'error' ? ERROR : sev === 'warning' ? WARNING : 0) |
      (inRange ? IN_RANGE : 0) |
      (c === active ? ACTIVE : 0);
    out.push(
      <div
        key={c}
        role="gridcell"
        aria-selected={inRange ? true : undefined}
        className={classOf(look)}
        style={{ width: widths[c] }}
        data-address={a}
        data-severity={sev}
        title={text.length > 12 ? text : undefined}
      >
        {text}
      </div>,
    );
  }
  return (
    <div role="row" aria-rowindex={row + 1} className={rowClass} style={{ transform: `translateY(${top}px)`, width }}>
      <div role="rowheader" className={headClass}>
        {row}
      </div>
      {out}
    </div>
  );
});

export function Grid({ sheet, marks, selected, selectSerial, textColumns, onEdit, onUndo, onRedo }: GridProps) {
  const s = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const editor = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const dragging = useRef(false);
  const [active, setActive] = useState<Pos>({ row: 1, col: 0 });
  const [anchor, setAnchor] = useState<Pos>({ row: 1, col: 0 });
  const [edit, setEdit] = useState<Edit | null>(null);

  const markRows = useMemo(() => marksByRow(marks), [marks]);
  const classOf = useMemo(() => {
    const cache = new Map<number, string>();
    return (look: number) => {
      let c = cache.get(look);
      if (c === undefined) {
        c = mergeClasses(
          s.cell,
          (look & NUMBER) !== 0 && s.number,
          // A selected flagged cell keeps its mark's colour.
          (look & IN_RANGE) !== 0 && s.inRange,
          (look & ERROR) !== 0 && s.error,
          (look & WARNING) !== 0 && s.warning,
          (look & ACTIVE) !== 0 && s.active,
        );
        cache.set(look, c);
      }
      return c;
    };
  }, [s]);
  const headClass = mergeClasses(s.cell, s.rowHead);
  const sheetCols = useMemo(() => {
    let n = 1;
    for (let r = 0; r < Math.min(sheet.rows.length, WIDTH_SAMPLE_ROWS); r++) n = Math.max(n, sheet.rows[r]?.length ?? 0);
    return n;
  }, [sheet]);
  const markCols = useMemo(() => marks.reduce((n, m) => Math.max(n, parseAddress(m.cell).col + 1), 0), [marks]);
  const colCount = Math.max(sheetCols, markCols, active.col + 1) + EXTRA_COLS;
  const rowCount = Math.max(sheet.rows.length, active.row) + EXTRA_ROWS;
  // Widths follow the sheet's first rows when it is shown (not every edit: the columns would jump while typing).
  const textKey = [...textColumns].join(',');
  const widths = useMemo(() => {
    const family = scroller.current ? getComputedStyle(scroller.current).fontFamily : 'sans-serif';
    return measureWidths(sheet, colCount, textColumns, `${FONT_SIZE}px ${family}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sheet.name, colCount, textKey]);
  const lefts = useMemo(() => {
    const out: number[] = [];
    let x = HEADER_COL_WIDTH;
    for (const w of widths) {
      out.push(x);
      x += w;
    }
    out.push(x);
    return out;
  }, [widths]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });

  const range = {
    top: Math.min(active.row, anchor.row),
    bottom: Math.max(active.row, anchor.row),
    left: Math.min(active.col, anchor.col),
    right: Math.max(active.col, anchor.col),
  };

  /** Scroll the grid (never the page) so that the cell is fully in view below the header and right of the row numbers. */
  const reveal = useCallback(
    (p: Pos) => {
      const el = scroller.current;
      if (!el) return;
      virtualizer.scrollToIndex(p.row - 1, { align: 'auto' });
      const left = lefts[p.col]! - HEADER_COL_WIDTH;
      const right = lefts[p.col + 1]! - HEADER_COL_WIDTH;
      const room = el.clientWidth - HEADER_COL_WIDTH;
      if (left < el.scrollLeft) el.scrollLeft = left;
      else if (right > el.scrollLeft + room) el.scrollLeft = Math.max(0, right - room);
    },
    [virtualizer, lefts],
  );

  const focusEditor = () => editor.current?.focus({ preventScroll: true });

  const go = useCallback(
    (p: Pos, extend = false) => {
      const next = { row: Math.max(1, p.row), col: Math.max(0, p.col) };
      setActive(next);
      if (!extend) setAnchor(next);
      reveal(next);
    },
    [reveal],
  );

  // The pane selected a cell (an issue was clicked): go there and take the focus.
  useEffect(() => {
    if (!selected) return;
    const p = parseAddress(selected);
    setEdit(null);
    go(p);
    const id = requestAnimationFrame(() => {
      reveal(p);
      focusEditor();
    });
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, selectSerial]);

  const write = (patches: Patch[]) => {
    if (patches.length) onEdit(patches);
  };

  const entry = (p: Pos, text: string): Patch => entryPatch(address(p.row, p.col), text, { textColumn: textColumns.has(p.col), cell: cellAt(sheet, p) });

  const commit = () => {
    if (!edit) return;
    setEdit(null);
    const before = display(cellAt(sheet, active));
    if (edit.text !== before) write([entry(active, edit.text)]);
  };

  const clearSelection = () => {
    const patches: Patch[] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        const cell = cellAt(sheet, { row: r, col: c });
        if (cell && cell.kind !== 'empty') patches.push(entry({ row: r, col: c }, ''));
      }
    }
    write(patches);
  };

  const paste = (text: string) => {
    const block = parseTsv(text);
    if (block.length === 0) return;
    // One value pasted over a larger selection fills it, as in Excel.
    const single = block.length === 1 && block[0]!.length === 1;
    const rows = single ? range.bottom - range.top + 1 : block.length;
    const cols = single ? range.right - range.left + 1 : blockWidth(block);
    const patches: Patch[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const value = single ? block[0]![0]! : block[i]![j];
        if (value === undefined) continue;
        patches.push(entry({ row: range.top + i, col: range.left + j }, value));
      }
    }
    write(patches);
    setAnchor({ row: range.top, col: range.left });
    setActive({ row: range.top + rows - 1, col: range.left + cols - 1 });
  };

  const copyText = () => {
    const rows: string[][] = [];
    for (let r = range.top; r <= range.bottom; r++) {
      const line: string[] = [];
      for (let c = range.left; c <= range.right; c++) line.push(display(cellAt(sheet, { row: r, col: c })));
      rows.push(line);
    }
    return formatTsv(rows);
  };

  const pageRows = () => Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (composing.current || e.nativeEvent.isComposing || e.keyCode === 229) return;
    const mod = e.ctrlKey || e.metaKey;
    const move = (dr: number, dc: number) => go({ row: active.row + dr, col: active.col + dc });
    if (edit) {
      const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      if (e.key === 'Enter') {
        e.preventDefault();
        commit();
        move(e.shiftKey ? -1 : 1, 0);
      } else if (e.key === 'Tab') {
        e.preventDefault();
        commit();
        move(0, e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setEdit(null);
      } else if (edit.mode === 'enter' && arrows[e.key]) {
        e.preventDefault();
        commit();
        move(...arrows[e.key]!);
      }
      return;
    }
    if (mod && !e.altKey) {
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        onUndo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        onRedo();
      } else if (k === 'a') {
        e.preventDefault();
        setAnchor({ row: 1, col: 0 });
        setActive({ row: Math.max(1, sheet.rows.length), col: Math.max(0, sheetCols - 1) });
      } else if (e.key === 'Home') {
        e.preventDefault();
        go({ row: 1, col: 0 }, e.shiftKey);
      } else if (e.key === 'End') {
        e.preventDefault();
        go({ row: Math.max(1, sheet.rows.length), col: Math.max(0, sheetCols - 1) }, e.shiftKey);
      }
      // Ctrl+C / Ctrl+V / Ctrl+X come as copy / paste / cut events.
      return;
    }
    const steps: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      PageUp: [-pageRows(), 0],
      PageDown: [pageRows(), 0],
    };
    if (steps[e.key]) {
      e.preventDefault();
      const [dr, dc] = steps[e.key]!;
      go({ row: active.row + dr, col: active.col + dc }, e.shiftKey);
    } else if (e.key === 'Home') {
      e.preventDefault();
      go({ row: active.row, col: 0 }, e.shiftKey);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      move(e.shiftKey ? -1 : 1, 0);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      move(0, e.shiftKey ? -1 : 1);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      clearSelection();
    } else if (e.key === 'F2') {
      e.preventDefault();
      setEdit({ mode: 'edit', text: display(cellAt(sheet, active)) });
    } else if (e.key === 'Escape') {
      setAnchor(active);
    }
  };

  const cellFromEvent = (e: React.MouseEvent): Pos | null => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-address]');
    const a = el?.getAttribute('data-address');
    return a ? parseAddress(a) : null;
  };

  const onMouseDown = (e: React.MouseEvent) => {
    const p = cellFromEvent(e);
    if (!p || e.button !== 0) return;
    e.preventDefault();
    if (edit) commit();
    setActive(p);
    if (!e.shiftKey) setAnchor(p);
    dragging.current = true;
    focusEditor();
  };

  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  // The editor keeps the focus while the user works in the grid (after a re-render, too).
  useEffect(() => {
    if (edit) editor.current?.focus({ preventScroll: true });
  }, [edit]);

  const editing = edit !== null;
  const editorStyle = {
    top: ROW_HEIGHT * active.row,
    left: lefts[active.col],
    width: editing ? Math.max(widths[active.col] ?? MIN_COL_WIDTH, Math.min(MAX_COL_WIDTH, (edit.text.length + 2) * 8)) : widths[active.col],
  };
  const activeAddress = address(active.row, active.col);
  const totalWidth = lefts[lefts.length - 1]!;
  const items = virtualizer.getVirtualItems();

  return (
    <div
      ref={scroller}
      className={s.scroller}
      data-grid-scroller=""
      onMouseDown={onMouseDown}
      onMouseOver={(e) => {
        if (!dragging.current || !(e.buttons & 1)) return;
        const p = cellFromEvent(e);
        if (p && (p.row !== active.row || p.col !== active.col)) setActive(p);
      }}
      onDoubleClick={(e) => {
        const p = cellFromEvent(e);
        if (!p) return;
        go(p);
        setEdit({ mode: 'edit', text: display(cellAt(sheet, p)) });
      }}
    >
      <div className={s.content} style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        <div role="grid" className={s.table} aria-label={`工作表「${sheet.name}」`} aria-rowcount={rowCount + 1} aria-colcount={colCount + 1} aria-multiselectable>
          <div role="row" aria-rowindex={1} className={s.head}>
            <div role="columnheader" className={mergeClasses(s.cell, s.rowHead)} aria-label="行号" />
            {widths.map((w, c) => (
              <div key={c} role="columnheader" className={mergeClasses(s.cell, s.colHead)} style={{ width: w }}>
                {columnLetter(c)}
              </div>
            ))}
          </div>
          {items.map((it) => {
            const row = it.index + 1;
            const inRange = row >= range.top && row <= range.bottom;
            return (
              <Row
                key={row}
                row={row}
                top={it.start}
                width={totalWidth}
                cells={sheet.rows[row - 1]}
                widths={widths}
                classOf={classOf}
                headClass={headClass}
                rowClass={s.row}
                marks={markRows.get(row) ?? ''}
                selLeft={inRange ? range.left : -1}
                selRight={inRange ? range.right : -1}
                active={row === active.row ? active.col : -1}
              />
            );
          })}
        </div>
        <input
          ref={editor}
          className={mergeClasses(s.editor, !editing && s.idle)}
          style={editorStyle}
          data-active-cell={activeAddress}
          aria-label={`单元格 ${activeAddress}${editing ? '（编辑中）' : ''}`}
          autoComplete="off"
          spellCheck={false}
          value={edit ? edit.text : ''}
          onChange={(e) => setEdit(edit ? { ...edit, text: e.target.value } : { mode: 'enter', text: e.target.value })}
          onCompositionStart={() => {
            composing.current = true;
            if (!edit) setEdit({ mode: 'enter', text: '' });
          }}
          onCompositionEnd={() => {
            composing.current = false;
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            if (edit) commit();
          }}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text/plain');
            // Text pasted into a cell being edited goes in as text; a block (tabs or lines) fills cells.
            if (edit && !/[\t\r\n]/.test(text)) return;
            e.preventDefault();
            setEdit(null);
            paste(text);
          }}
          onCopy={(e) => {
            if (edit) return;
            e.preventDefault();
            e.clipboardData.setData('text/plain', copyText());
          }}
          onCut={(e) => {
            if (edit) return;
            e.preventDefault();
            e.clipboardData.setData('text/plain', copyText());
            clearSelection();
          }}
        />
      </div>
    </div>
  );
}
