/**
 * What the file checks work on. The pure logic never sees a folder: the command line walks one, the task pane and
 * the workbench list the files the user picked; both hand over `InspectedFile`s (see src/files/images.ts, which
 * turns `{path, size, bytes}` into one) and the folders they saw.
 */

/** The type of a file read from its first bytes (never from its name). */
export type ContentType =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'bmp'
  | 'webp'
  | 'tiff'
  | 'heic'
  | 'pdf'
  | 'zip'
  | 'ole'
  | 'text'
  | 'empty'
  | 'unknown'
  /** Not a regular file: a pipe, a device, a symbolic link that leads nowhere or out of the folder — never read. */
  | 'special';

/** Chinese names of the content types, for messages. */
export const CONTENT_TYPE_LABEL: Readonly<Record<ContentType, string>> = {
  jpeg: 'JPG 图片',
  png: 'PNG 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  webp: 'WebP 图片',
  tiff: 'TIFF 图片',
  heic: 'HEIC/AVIF 图片（苹果手机的照片格式）',
  pdf: 'PDF 文档',
  zip: '压缩包或 Office 文档',
  ole: '旧版 Office 文档',
  text: '文本文件',
  empty: '空文件（0 字节）',
  unknown: '无法识别的文件',
  special: '特殊文件（管道、设备，或失效的、指向所选文件夹以外的快捷方式），未读取',
};

/** Decoded pixels, RGBA, row by row (what jpeg-js returns with formatAsRGBA). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pixels along each edge (a white border's strips, a trim). */
export interface Sides {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What the background, border and head-position tests measured on a photo (DOMAIN.md §3, photo-measure.ts). */
export interface FrameMeasure {
  /** Share of the background frame's pixels (top edge, sides down to 60 %) that are blue; inside a border. */
  blueShare: number;
  /** Share of them that are near-white. */
  whiteShare: number;
  /** The colour most of them are, in words (蓝色, 白色, 灰色 …), and that colour's share. */
  colour: string;
  colourShare: number;
  /** Their mean colour. */
  mean: [number, number, number];
  /** The white border's strips (pixels from each edge); all 0 when there is none. */
  border: Sides;
  /** Rows from the top edge to the top of the head; null when no head was found. */
  headTop: number | null;
}

/** One file, inspected. */
export interface InspectedFile {
  /** Relative to the folder given, '/' separators. */
  path: string;
  /** Bytes of the whole file. */
  size: number;
  type: ContentType;
  /** From the image header (JPEG SOF, PNG IHDR); null when not an image or unreadable. */
  width: number | null;
  height: number | null;
  /** A JPEG or PNG whose header (or, for a decoded photo, whose data) cannot be read. */
  damaged: boolean;
  /** Photos only: the frame measured on the decoded pixels; null when not decoded. */
  frame?: FrameMeasure | null;
}

/** Everything the user handed over: inspected files, and every folder seen (so that empty ones count). */
export interface FolderListing {
  files: InspectedFile[];
  directories: string[];
}
