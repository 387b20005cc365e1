/**
 * The preview of 一键修复: every change as cell, before, after, each with a checkbox (all ticked at first). Only the
 * ticked ones are applied. Table fixes (sorting, removing blank rows, 序号, end row) move whole rows and are one
 * linked group: the pane says so, but still lets the user untick single cells.
 */
import { useMemo, useState } from 'react';
import { Button, Caption1, Checkbox, makeStyles, mergeClasses, Subtitle2, tokens } from '@fluentui/react-components';
import { allPreviewIds, type FixPreviewModel, type PreviewGroup, type ShownValue } from '../model';
import { VISIBLE_LEGEND } from '../../core/engine/show';
import type { TableStory } from '../../core/engine/describe';

export const PREVIEW_PAGE = 200;

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  note: { color: tokens.colorNeutralForeground3 },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, padding: '2px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  td: { padding: '2px 4px', verticalAlign: 'top', overflowWrap: 'anywhere', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  pick: { width: '32px' },
  cell: { width: '3.6em', fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  before: { color: tokens.colorPaletteRedForeground1 },
  after: { color: tokens.colorPaletteGreenForeground1 },
  empty: { color: tokens.colorNeutralForeground4 },
  fmt: { display: 'block', color: tokens.colorNeutralForeground3 },
  story: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
});

function Value({ v, tone }: { v: ShownValue; tone: string }) {
  const s = useStyles();
  return (
    <>
      <span className={mergeClasses(tone, v.empty && s.empty)}>{v.text}</span>
      {v.type ? <span className={s.fmt}>（{v.type}{v.format ? `，格式 ${v.format}` : ''}）</span> : null}
    </>
  );
}

/** Story lines shown per step before the rest is counted. */
const STORY_ITEMS = 10;

function GroupTable({
  group,
  story,
  accepted,
  toggle,
  setMany,
}: {
  group: PreviewGroup;
  story: readonly TableStory[];
  accepted: ReadonlySet<number>;
  toggle: (id: number, on: boolean) => void;
  setMany: (ids: number[], on: boolean) => void;
}) {
  const s = useStyles();
  const [shown, setShown] = useState(PREVIEW_PAGE);
  const ids = group.rows.map((r) => r.id);
  const ticked = ids.filter((id) => accepted.has(id)).length;
  const state = ticked === 0 ? false : ticked === ids.length ? true : 'mixed';
  const rest = group.rows.length - shown;
  return (
    <section aria-label={group.title}>
      <Checkbox
        checked={state}
        onChange={(_, d) => setMany(ids, d.checked === true)}
        label={`${group.title}（${ids.length} 处，已选 ${ticked} 处）`}
      />
      {group.linked ? (
        <Caption1 className={s.note} block>
          这些修改一起移动、重排整行记录；只取消其中一部分可能打乱记录，建议整组应用或整组取消。
        </Caption1>
      ) : null}
      {group.linked && story.length ? (
        <ul className={s.story} aria-label="整理表格的步骤">
          {story.map((st) => (
            <li key={st.title}>
              {st.title}
              {st.items.length ? (
                <Caption1 className={s.note} block>
                  {st.items.slice(0, STORY_ITEMS).join('；')}
                  {st.items.length > STORY_ITEMS ? `；……另有 ${st.items.length - STORY_ITEMS} 行` : ''}
                </Caption1>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <table className={s.table}>
        <thead>
          <tr>
            <th className={mergeClasses(s.th, s.pick)}>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>选择</span>
            </th>
            <th className={mergeClasses(s.th, s.cell)}>单元格</th>
            <th className={s.th}>修改前</th>
            <th className={s.th}>修改后</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.slice(0, shown).map((r) => (
            <tr key={r.id} data-cell={r.cell}>
              <td className={mergeClasses(s.td, s.pick)}>
                <Checkbox
                  checked={accepted.has(r.id)}
                  onChange={(_, d) => toggle(r.id, d.checked === true)}
                  aria-label={`${r.cell}：${r.before.text} → ${r.after.text}`}
                />
              </td>
              <td className={mergeClasses(s.td, s.cell)}>{r.cell}</td>
              <td className={s.td}>
                <Value v={r.before} tone={s.before} />
              </td>
              <td className={s.td}>
                <Value v={r.after} tone={s.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest > 0 ? (
        <Button size="small" appearance="transparent" onClick={() => setShown(shown + PREVIEW_PAGE)}>
          再显示 {Math.min(rest, PREVIEW_PAGE)} 处（还有 {rest} 处）
        </Button>
      ) : null}
    </section>
  );
}

export function FixPreview({
  model,
  busy,
  onApply,
  onCancel,
}: {
  model: FixPreviewModel;
  busy: boolean;
  onApply: (accepted: ReadonlySet<number>, renameAccepted: boolean) => void;
  onCancel: () => void;
}) {
  const s = useStyles();
  const all = useMemo(() => allPreviewIds(model), [model]);
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(() => new Set(all));
  const [renameOk, setRenameOk] = useState(true);

  const toggle = (id: number, on: boolean) =>
    setAccepted((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const setMany = (ids: number[], on: boolean) =>
    setAccepted((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const count = accepted.size + (model.rename && renameOk ? 1 : 0);
  return (
    <section className={s.box} aria-label="修复预览">
      <Subtitle2>修复预览：工作表“{model.sheet}”，共 {model.total + (model.rename ? 1 : 0)} 处修改</Subtitle2>
      <Caption1 className={s.note}>
        勾选要应用的修改。写入前会保存这些单元格原来的值和格式，之后可以撤销。
      </Caption1>
      <div className={s.bar}>
        <Button size="small" disabled={busy} onClick={() => { setAccepted(new Set(all)); setRenameOk(true); }}>
          全部选中
        </Button>
        <Button size="small" disabled={busy} onClick={() => { setAccepted(new Set()); setRenameOk(false); }}>
          全部不选
        </Button>
      </div>
      {model.rename ? (
        <Checkbox
          checked={renameOk}
          onChange={(_, d) => setRenameOk(d.checked === true)}
          label={`工作表改名：“${model.rename.from}” → “${model.rename.to}”`}
        />
      ) : null}
      {model.groups.map((g) => (
        <GroupTable key={g.key} group={g} story={model.story} accepted={accepted} toggle={toggle} setMany={setMany} />
      ))}
      {model.marks ? <Caption1 className={s.note}>{VISIBLE_LEGEND}</Caption1> : null}
      <div className={s.bar}>
        <Button appearance="primary" disabled={busy || count === 0} onClick={() => onApply(accepted, renameOk)}>
          应用所选修改（{count} 处）
        </Button>
        <Button disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </div>
    </section>
  );
}
