/**
 * The image rules of withdrawal scans and correction evidence (seed 003 §三, §五(二)4): JPG or PNG by content (the
 * extension must agree with it), ≤ 10 MB, at least 200×200 pixels. Limits come from the profile (`evidence`).
 */
import { err, type IssueDraft } from '../engine/issue';
import { CONTENT_TYPE_LABEL, type InspectedFile } from './types';
import { formatBytes, formatLimit } from './report';

export const JPEG_EXTS: readonly string[] = ['.jpg', '.jpeg'];
export const PNG_EXTS: readonly string[] = ['.png'];

/** The extension a file of this content should carry. */
export function extFor(type: InspectedFile['type']): string {
  return type === 'png' ? '.png' : '.jpg';
}

export interface ImageLimits {
  maxBytes: number;
  minWidth: number;
  minHeight: number;
}

/**
 * Format, size and resolution of one evidence image. `only` restricts the accepted formats (the summary scan is a
 * JPG). Extensions are compared without case: these files are uploaded one by one, by a person.
 */
export function evidenceImageDrafts(
  f: InspectedFile,
  ext: string,
  limits: ImageLimits,
  only: readonly ('jpeg' | 'png')[] = ['jpeg', 'png'],
): IssueDraft[] {
  const out: IssueDraft[] = [];
  const e = ext.toLowerCase();
  const wanted = only.map((t) => (t === 'jpeg' ? 'JPG' : 'PNG')).join(' 或 ');
  if (f.type !== 'jpeg' && f.type !== 'png') {
    const named = JPEG_EXTS.includes(e) || PNG_EXTS.includes(e) ? `扩展名是 ${ext}，但` : '';
    out.push(err('evidence.format', `应为 ${wanted} 图片，${named}文件内容实际是${CONTENT_TYPE_LABEL[f.type]}`));
  } else if (!only.includes(f.type)) {
    out.push(err('evidence.format', `应为 ${wanted} 图片，此文件是${CONTENT_TYPE_LABEL[f.type]}，请另存为 ${wanted}`));
  } else if (f.type === 'jpeg' && !JPEG_EXTS.includes(e)) {
    const how = PNG_EXTS.includes(e) ? '请把扩展名改为 .jpg' : '扩展名应为 .jpg';
    out.push(err('evidence.format', `文件内容是 JPG 图片，扩展名却是“${ext || '（无）'}”：${how}`));
  } else if (f.type === 'png' && !PNG_EXTS.includes(e)) {
    const how = JPEG_EXTS.includes(e) ? '请把扩展名改为 .png，或用图片软件另存为真正的 JPG' : '扩展名应为 .png';
    out.push(err('evidence.format', `文件内容是 PNG 图片，扩展名却是“${ext || '（无）'}”：${how}`));
  } else if (f.damaged) {
    out.push(err('evidence.format', `${CONTENT_TYPE_LABEL[f.type]}已损坏或不完整，无法读取，请重新扫描或导出`));
  }
  if (f.size > limits.maxBytes) {
    out.push(err('evidence.size', `文件大小为 ${formatBytes(f.size)}，超过上限 ${formatLimit(limits.maxBytes)}`));
  }
  if (f.width !== null && f.height !== null && (f.width < limits.minWidth || f.height < limits.minHeight)) {
    out.push(
      err('evidence.resolution', `分辨率为 ${f.width}×${f.height} 像素，应至少 ${limits.minWidth}×${limits.minHeight} 像素（请用扫描仪或高拍仪扫描原件）`),
    );
  }
  return out;
}
