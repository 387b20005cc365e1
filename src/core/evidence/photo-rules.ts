/**
 * The rules read from a photo's pixels (DOMAIN.md §3 T4, §5): `photo.border`, `photo.background` (errors) and
 * `photo.head-position` (warning), from what photo-measure.ts measured. Shared by `xueji photos` (the check) and
 * `xueji photos --fix` (what a fix cannot mend: background colour, head position).
 */
import { err, warn, type IssueDraft } from '../engine/issue';
import type { PhotoLimits } from './profile';
import type { FrameMeasure } from './types';
import { hasBorder } from './photo-measure';

const pct = (x: number): string => `${Math.floor(x * 1000) / 10}%`;

/** Where the background is measured, in words. */
function frameWords(p: PhotoLimits): string {
  const sides = new Set(p.frameSides);
  const parts: string[] = [];
  if (sides.has('top')) parts.push('上边');
  if (sides.has('left') && sides.has('right')) parts.push(`左右两边（上部 ${Math.round(p.sideDepth * 100)}%）`);
  else if (sides.has('left')) parts.push(`左边（上部 ${Math.round(p.sideDepth * 100)}%）`);
  else if (sides.has('right')) parts.push(`右边（上部 ${Math.round(p.sideDepth * 100)}%）`);
  if (sides.has('bottom')) parts.push('下边');
  return `${parts.join('、')}${p.frame} 像素内`;
}

/** `上边 12 像素、左边 8 像素`. */
export function describeStrips(s: FrameMeasure['border']): string {
  const parts: string[] = [];
  if (s.top) parts.push(`上边 ${s.top} 像素`);
  if (s.bottom) parts.push(`下边 ${s.bottom} 像素`);
  if (s.left) parts.push(`左边 ${s.left} 像素`);
  if (s.right) parts.push(`右边 ${s.right} 像素`);
  return parts.join('、');
}

/** The background rule: `photo.background` naming the colour measured, or null when it is blue. */
export function backgroundDraft(m: FrameMeasure, p: PhotoLimits): IssueDraft | null {
  if (m.blueShare >= p.minBlueShare) return null;
  const [r, g, b] = m.mean;
  return err(
    'photo.background',
    `底色为${m.colour === '蓝色' ? '蓝色但不够均匀' : m.colour}，应为蓝色：${frameWords(p)}只有 ${pct(m.blueShare)} 的像素为蓝色（需至少 ${pct(p.minBlueShare)}），${m.colour === '蓝色' ? '' : `${pct(m.colourShare)} 为${m.colour}，`}平均颜色 RGB(${r},${g},${b})。底色无法自动修正，请重新拍摄蓝底照片`,
  );
}

/** The head-position window for a photo `height` pixels high (the profile's numbers are for `p.height`). */
export function headWindow(height: number, p: PhotoLimits): { min: number; max: number } {
  const k = height / p.height;
  return { min: Math.round(p.headTopMin * k), max: Math.round(p.headTopMax * k) };
}

/** The head-position rule (warning): the top of the head `headTopMin`–`headTopMax` pixels below the top edge. */
export function headPositionDraft(m: FrameMeasure, height: number, p: PhotoLimits): IssueDraft | null {
  const { min, max } = headWindow(height, p);
  const want = `头顶应在距上边 ${min}–${max} 像素处`;
  if (m.headTop === null) return warn('photo.head-position', `照片中部没有找到人像的头顶（${want}），请核对照片`);
  if (m.headTop < min) {
    return warn('photo.head-position', `头顶距上边只有 ${m.headTop} 像素，${want}：头部太靠上（或头顶被裁掉），需要重新裁剪或拍摄`);
  }
  if (m.headTop > max) {
    return warn('photo.head-position', `头顶距上边 ${m.headTop} 像素，${want}：头部太靠下或人像太小，需要重新裁剪或拍摄`);
  }
  return null;
}

/**
 * The pixel rules of one photo `height` pixels high. With a white border, the background is the one measured inside
 * it (a grey photo pasted on white paper has both errors), and the head position waits until the border is gone.
 */
export function photoPixelDrafts(m: FrameMeasure, height: number, p: PhotoLimits): IssueDraft[] {
  const out: IssueDraft[] = [];
  const border = hasBorder(m);
  if (border) {
    const inside = m.blueShare >= p.minBlueShare ? '蓝色' : m.colour;
    out.push(
      err(
        'photo.border',
        `照片有白边：${describeStrips(m.border)}接近白色，里面的底色为${inside}。请裁掉白边后按比例缩放到 ${p.width}×${p.height}（xueji photos --fix 可自动修正）`,
      ),
    );
  }
  const bg = backgroundDraft(m, p);
  if (bg) out.push(bg);
  if (!border) {
    const head = headPositionDraft(m, height, p);
    if (head) out.push(head);
  }
  return out;
}
