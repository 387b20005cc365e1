/**
 * Where a conforming copy is cut from its source (DOMAIN.md §3 "Conforming copies", seed 003 §六: 不能有白边，图像
 * 不能变形): inside the white border, the largest rectangle of the target's shape (3:4) around the centre — cropped,
 * never stretched — then scaled to the target size. Pure geometry on the source's pixel grid.
 */
import type { PhotoLimits } from './profile';
import type { Sides } from './types';
import type { Box } from './photo-measure';

export interface CropPlan {
  /** What is cut away along each edge as white border (including a small safety margin), in source pixels. */
  trim: Sides;
  /** The 3:4 rectangle that becomes the copy. */
  crop: Box;
  /** The crop is smaller than the target: the copy is scaled up (still conforming, less sharp). */
  upscaled: boolean;
}

/**
 * A border's inner edge is rarely a clean line (scanner shadow, JPEG ringing): 1 % of the side more is cut, so that
 * no trace of it is left in the frame the background is measured on.
 */
export function trimMargin(side: number): number {
  return Math.max(1, Math.round(side * 0.01));
}

export function planCrop(width: number, height: number, border: Sides, p: PhotoLimits): CropPlan {
  const cut = (strip: number, side: number) => (strip > 0 ? strip + trimMargin(side) : 0);
  const trim: Sides = {
    top: cut(border.top, height),
    bottom: cut(border.bottom, height),
    left: cut(border.left, width),
    right: cut(border.right, width),
  };
  const bx0 = trim.left;
  const by0 = trim.top;
  const bw = Math.max(1, width - trim.left - trim.right);
  const bh = Math.max(1, height - trim.top - trim.bottom);
  // The largest rectangle of the target's shape inside the box (integer pixels, never wider or taller than it).
  let cw = bw;
  let ch = Math.round((bw * p.height) / p.width);
  if (ch > bh) {
    ch = bh;
    cw = Math.min(bw, Math.round((bh * p.width) / p.height));
  }
  const x0 = bx0 + Math.floor((bw - cw) / 2);
  const y0 = by0 + Math.floor((bh - ch) / 2);
  return { trim, crop: { x0, y0, x1: x0 + cw, y1: y0 + ch }, upscaled: cw < p.width || ch < p.height };
}
