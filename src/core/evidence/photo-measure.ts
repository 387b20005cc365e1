/**
 * What a graduation photo's pixels say (DOMAIN.md §3 T4; seed 002: 蓝底; seed 003 §六: 不能有白边; public 学信网
 * spec: head position). Pure: works on decoded RGBA pixels, whoever decoded them (the checker, the fixer).
 *
 * - **Background** is measured where the background is, not where the shoulders are: a `frame`-pixel band along the
 *   top edge and along the left and right edges down to `sideDepth` (60 %) of the height. Measuring all four edges
 *   made real head-and-shoulders photos fail: the shoulders fill the bottom edge.
 * - **White border**: near-white lines along an edge (a scan's margin, a photo pasted on white) with the picture
 *   starting right inside them, and a non-white background there. When the background inside is near-white too, there is no border: the background itself
 *   is white, and that is `photo.background`, naming the colour.
 * - **Head position**: the first row from the top where, in the middle third of the width, the pixels stop being
 *   background (differ from the background's mean colour) — the top of the head.
 */
import type { PhotoLimits } from './profile';
import type { FrameMeasure, Pixels, Sides } from './types';

/** A rectangle of the image: [x0, x1) × [y0, y1). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type Rgb = readonly [number, number, number];

function isBlue(r: number, g: number, b: number, p: PhotoLimits): boolean {
  return b >= p.minBlue && b - r >= p.minBlueOverRed && b >= g;
}

function isNearWhite(r: number, g: number, b: number, p: PhotoLimits): boolean {
  return r >= p.nearWhite && g >= p.nearWhite && b >= p.nearWhite;
}

/** The colour a pixel is, in the words a registrar uses (the blue and white tests are the profile's). */
export function colourName(r: number, g: number, b: number, p: PhotoLimits): string {
  if (isBlue(r, g, b, p)) return '蓝色';
  if (isNearWhite(r, g, b, p)) return '白色';
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 50) return '黑色';
  const sat = (max - min) / max;
  if (sat < 0.15) return max >= 200 ? '浅灰色' : '灰色';
  let hue: number;
  if (max === r) hue = (60 * (g - b)) / (max - min);
  else if (max === g) hue = 60 * (2 + (b - r) / (max - min));
  else hue = 60 * (4 + (r - g) / (max - min));
  if (hue < 0) hue += 360;
  if (hue < 20 || hue >= 330) return '红色';
  if (hue < 45) return '橙色';
  if (hue < 70) return '黄色';
  if (hue < 160) return '绿色';
  if (hue < 200) return '青色';
  // Blue hue that fails the blue test: too pale (B − R too small) or too dark (B too low).
  if (hue < 260) return b >= p.minBlue ? '浅蓝色' : '深蓝色';
  return '紫色';
}

/** The pixels of the background frame of `box`: top band, left and right bands down to `sideDepth` (profile). */
function forEachFramePixel(px: Pixels, box: Box, p: PhotoLimits, visit: (i: number) => void): void {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  const f = Math.max(1, Math.min(p.frame, Math.floor(w / 2), Math.floor(h / 2)));
  const sides = new Set(p.frameSides);
  const sideEnd = box.y0 + Math.max(f, Math.round(h * p.sideDepth));
  for (let y = box.y0; y < box.y1; y++) {
    const band = (sides.has('top') && y < box.y0 + f) || (sides.has('bottom') && y >= box.y1 - f);
    if (band) {
      for (let x = box.x0; x < box.x1; x++) visit((y * px.width + x) * 4);
      continue;
    }
    if (y >= sideEnd) continue;
    if (sides.has('left')) for (let x = box.x0; x < box.x0 + f; x++) visit((y * px.width + x) * 4);
    if (sides.has('right')) for (let x = Math.max(box.x1 - f, sides.has('left') ? box.x0 + f : box.x0); x < box.x1; x++) visit((y * px.width + x) * 4);
  }
}

export interface Background {
  blueShare: number;
  whiteShare: number;
  /** The colour most frame pixels are. */
  colour: string;
  /** Share of the frame pixels of that colour. */
  colourShare: number;
  mean: [number, number, number];
}

/** Measures the background frame of `box` (DOMAIN.md §3: top edge, sides down to 60 % of the height). */
export function measureBackground(px: Pixels, box: Box, p: PhotoLimits): Background {
  const d = px.data;
  // Frame pixels seen, blue ones, near-white ones, and the sums of their red, green and blue.
  const sum = { total: 0, blues: 0, whites: 0, r: 0, g: 0, b: 0 };
  const counts = new Map<string, number>();
  forEachFramePixel(px, box, p, (i) => {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    sum.total++;
    sum.r += r;
    sum.g += g;
    sum.b += b;
    if (isBlue(r, g, b, p)) sum.blues++;
    if (isNearWhite(r, g, b, p)) sum.whites++;
    const c = colourName(r, g, b, p);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  });
  let colour = '蓝色';
  let most = -1;
  for (const [c, n] of counts) {
    if (n > most) {
      colour = c;
      most = n;
    }
  }
  const { total } = sum;
  const n = Math.max(1, total);
  return {
    blueShare: total ? sum.blues / total : 0,
    whiteShare: total ? sum.whites / total : 0,
    colour,
    colourShare: total ? most / total : 0,
    mean: [Math.round(sum.r / n), Math.round(sum.g / n), Math.round(sum.b / n)],
  };
}

/** Share of near-white pixels on row `at` (columns [from, to)), or on column `at` (rows [from, to)). */
function lineWhite(px: Pixels, at: number, from: number, to: number, p: PhotoLimits, column: boolean): number {
  const d = px.data;
  let n = 0;
  for (let k = from; k < to; k++) {
    const i = (column ? k * px.width + at : at * px.width + k) * 4;
    if (isNearWhite(d[i]!, d[i + 1]!, d[i + 2]!, p)) n++;
  }
  return n / Math.max(1, to - from);
}

function rowWhite(px: Pixels, y: number, x0: number, x1: number, p: PhotoLimits): number {
  return lineWhite(px, y, x0, x1, p, false);
}

function colWhite(px: Pixels, x: number, y0: number, y1: number, p: PhotoLimits): number {
  return lineWhite(px, x, y0, y1, p, true);
}

/**
 * The near-white strips along the four edges: how many lines from each edge are at least `minWhiteShare`
 * near-white, peeled in turns (top, bottom, left, right) so that a strip on one side does not hide another's.
 * Each strip stops before it reaches the middle of the image.
 */
export function whiteStrips(px: Pixels, p: PhotoLimits): Sides {
  const { width: w, height: h } = px;
  const s: Sides = { top: 0, bottom: 0, left: 0, right: 0 };
  const maxV = Math.floor(h / 2) - 1;
  const maxH = Math.floor(w / 2) - 1;
  // Peels one side while there is room and its next line is white enough; says whether it moved.
  const peel = (side: keyof Sides, room: () => boolean, white: () => number): boolean => {
    let moved = false;
    while (room() && white() >= p.minWhiteShare) {
      s[side]++;
      moved = true;
    }
    return moved;
  };
  const roomV = () => s.top + s.bottom < maxV;
  const roomH = () => s.left + s.right < maxH;
  for (let moved = true; moved; ) {
    const x0 = s.left;
    const x1 = w - s.right;
    moved = peel('top', roomV, () => rowWhite(px, s.top, x0, x1, p));
    moved = peel('bottom', roomV, () => rowWhite(px, h - 1 - s.bottom, x0, x1, p)) || moved;
    const y0 = s.top;
    const y1 = h - s.bottom;
    moved = peel('left', roomH, () => colWhite(px, s.left, y0, y1, p)) || moved;
    moved = peel('right', roomH, () => colWhite(px, w - 1 - s.right, y0, y1, p)) || moved;
  }
  return s;
}

const NO_STRIPS: Sides = { top: 0, bottom: 0, left: 0, right: 0 };

function boxInside(px: Pixels, s: Sides): Box {
  return { x0: s.left, y0: s.top, x1: px.width - s.right, y1: px.height - s.bottom };
}

/** A white background: the colour most of the frame is. */
export function isWhiteBackground(bg: Background): boolean {
  return bg.colour === '白色';
}

/**
 * The top of the head inside `box`: the first row, counted from the box's top edge, where at least `headRowShare`
 * of the middle third of the width differs from the background's mean colour by more than `headColourDistance`
 * on some channel. Null when no row does (no person in the middle).
 */
export function headTop(px: Pixels, box: Box, mean: Rgb, p: PhotoLimits): number | null {
  const d = px.data;
  const w = box.x1 - box.x0;
  const x0 = box.x0 + Math.floor(w / 3);
  const x1 = box.x0 + Math.ceil((2 * w) / 3);
  const need = Math.max(2, Math.ceil((x1 - x0) * p.headRowShare));
  const [mr, mg, mb] = mean;
  for (let y = box.y0; y < box.y1; y++) {
    let n = 0;
    for (let x = x0; x < x1; x++) {
      const i = (y * px.width + x) * 4;
      const far = Math.max(Math.abs(d[i]! - mr), Math.abs(d[i + 1]! - mg), Math.abs(d[i + 2]! - mb));
      if (far > p.headColourDistance && ++n >= need) return y - box.y0;
    }
  }
  return null;
}

/**
 * A strip is a border only where the picture starts right inside it: the first line inside the strip (across the
 * picture) is mostly not white. Peeling a white background stops at the silhouette instead (the top of the head,
 * a shoulder), and the line there is still mostly white.
 */
const BORDER_EDGE_MAX_WHITE = 0.5;

function borderStrips(px: Pixels, strips: Sides, p: PhotoLimits): Sides {
  const b = boxInside(px, strips);
  const out: Sides = { ...strips };
  if (out.top && rowWhite(px, b.y0, b.x0, b.x1, p) > BORDER_EDGE_MAX_WHITE) out.top = 0;
  if (out.bottom && rowWhite(px, b.y1 - 1, b.x0, b.x1, p) > BORDER_EDGE_MAX_WHITE) out.bottom = 0;
  if (out.left && colWhite(px, b.x0, b.y0, b.y1, p) > BORDER_EDGE_MAX_WHITE) out.left = 0;
  if (out.right && colWhite(px, b.x1 - 1, b.y0, b.y1, p) > BORDER_EDGE_MAX_WHITE) out.right = 0;
  return out;
}

/**
 * Everything the photo rules need from the pixels: the background (inside a white border, if any), the border's
 * strips (zeros when none, or when the "border" is in fact a white background) and the top of the head.
 */
export function measurePhoto(px: Pixels, p: PhotoLimits): FrameMeasure {
  const full: Box = { x0: 0, y0: 0, x1: px.width, y1: px.height };
  let strips = borderStrips(px, whiteStrips(px, p), p);
  const any = strips.top + strips.bottom + strips.left + strips.right > 0;
  let bg = measureBackground(px, any ? boxInside(px, strips) : full, p);
  if (any && isWhiteBackground(bg)) {
    // White inside too: not a border around a photo but a white background.
    strips = NO_STRIPS;
    bg = measureBackground(px, full, p);
  }
  return {
    blueShare: bg.blueShare,
    whiteShare: bg.whiteShare,
    colour: bg.colour,
    colourShare: bg.colourShare,
    mean: bg.mean,
    border: strips,
    headTop: headTop(px, full, bg.mean, p),
  };
}

/** Whether the measure found a white border. */
export function hasBorder(m: FrameMeasure): boolean {
  return m.border.top + m.border.bottom + m.border.left + m.border.right > 0;
}
