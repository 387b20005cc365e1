/**
 * JPEG decoding with libjpeg-turbo compiled to WebAssembly (the `jpeg-turbo.wasm` of @cwasm/jpeg-turbo: the
 * TurboJPEG API, ~140 KB). Browser-safe: the caller hands over the compiled module (the command line reads the file,
 * the task pane fetches it), and this file talks to the module's exports exactly as the package's own Node entry
 * does (malloc, tjDecompressHeader3, tjDecompress2, free) — that entry reads the file with `fs`, which a browser has
 * not.
 *
 * Why not jpeg-js (pure JS, already used by the checker on 480×640 photos): a 12-megapixel phone photo takes it
 * ~1.3 s, and 1,000 of them must be fixed in about a minute. libjpeg-turbo decodes the same photo in ~0.17 s, and
 * with DCT scaling (decoding straight to 1/2, 1/4 or 1/8 of the size, which is also a good low-pass filter) in
 * ~0.07 s at the 1/4 a 480×640 copy needs (bench/photos.ts).
 */
import type { Pixels } from '../core/evidence/types';

/** TJPF_RGBA in turbojpeg.h. */
const TJPF_RGBA = 7;

/** libjpeg-turbo's scaling factors below 1 (num/8): the decoder's IDCT works at 1/8, 2/8 … 8/8 of the size. */
const SCALE_DENOM = 8;

export class JpegDecodeError extends Error {
  override readonly name = 'JpegDecodeError';
}

interface TurboExports {
  memory: WebAssembly.Memory;
  malloc(n: number): number;
  free(p: number): void;
  tjInitDecompress(): number;
  tjDestroy(h: number): number;
  tjDecompressHeader3(h: number, src: number, size: number, w: number, hgt: number, subsamp: number, colorspace: number): number;
  tjDecompress2(h: number, src: number, size: number, dst: number, w: number, pitch: number, hgt: number, pf: number, flags: number): number;
}

/** The scaled size libjpeg-turbo produces for num/8 (TJSCALED in turbojpeg.h). */
export function scaledSize(dim: number, num: number): number {
  return Math.ceil((dim * num) / SCALE_DENOM);
}

/** The smallest num/8 whose decoded size is at least `minW` × `minH` (8/8 when even the full size is smaller). */
export function pickScale(width: number, height: number, minW: number, minH: number): number {
  for (let num = 1; num < SCALE_DENOM; num++) {
    if (scaledSize(width, num) >= minW && scaledSize(height, num) >= minH) return num;
  }
  return SCALE_DENOM;
}

export class JpegTurbo {
  private exports: TurboExports;

  private constructor(private readonly module: WebAssembly.Module) {
    this.exports = JpegTurbo.instantiate(module);
  }

  static async load(module: WebAssembly.Module): Promise<JpegTurbo> {
    return new JpegTurbo(module);
  }

  private static instantiate(module: WebAssembly.Module): TurboExports {
    let memory: WebAssembly.Memory | null = null;
    const imports = {
      env: {
        // libjpeg reports fatal errors with longjmp: there is no setjmp in WebAssembly, so the error becomes a JS
        // exception, and the instance (whose C stack and heap are now in an unknown state) is replaced.
        setjmp: () => 0,
        longjmp: () => {
          throw new JpegDecodeError('libjpeg-turbo: fatal error');
        },
      },
      wasi_snapshot_preview1: {
        proc_exit: () => {
          throw new JpegDecodeError('libjpeg-turbo: exit');
        },
        environ_sizes_get: (count: number, size: number) => {
          const v = new DataView(memory!.buffer);
          v.setUint32(count, 0, true);
          v.setUint32(size, 0, true);
          return 0;
        },
        environ_get: () => 0,
        fd_close: () => 0,
        fd_seek: () => 0,
        // Warnings libjpeg would print to stderr: dropped (EBADF), never logged (a warning says nothing we report).
        fd_write: () => 8,
      },
    };
    const instance = new WebAssembly.Instance(module, imports);
    const ex = instance.exports as unknown as TurboExports;
    memory = ex.memory;
    return ex;
  }

  /** Runs `fn` with the bytes copied into the module; any failure leaves a fresh instance behind. */
  private withInput<T>(bytes: Uint8Array, fn: (ex: TurboExports, src: number, handle: number) => T): T {
    const ex = this.exports;
    let src = 0;
    let handle = 0;
    try {
      src = ex.malloc(bytes.length);
      if (!src) throw new JpegDecodeError('out of memory');
      new Uint8Array(ex.memory.buffer, src, bytes.length).set(bytes);
      handle = ex.tjInitDecompress();
      if (!handle) throw new JpegDecodeError('tjInitDecompress failed');
      const out = fn(ex, src, handle);
      ex.tjDestroy(handle);
      ex.free(src);
      return out;
    } catch (e) {
      this.exports = JpegTurbo.instantiate(this.module);
      throw e instanceof JpegDecodeError ? e : new JpegDecodeError(e instanceof Error ? e.message : String(e));
    }
  }

  /** Width and height from the JPEG's header. */
  header(bytes: Uint8Array): { width: number; height: number } {
    return this.withInput(bytes, (ex, src, handle) => {
      const meta = ex.malloc(16);
      const status = ex.tjDecompressHeader3(handle, src, bytes.length, meta, meta + 4, meta + 8, meta + 12);
      const [width, height] = new Uint32Array(ex.memory.buffer, meta, 2);
      ex.free(meta);
      if (status !== 0 || !width || !height) throw new JpegDecodeError('unreadable JPEG header');
      return { width: width!, height: height! };
    });
  }

  /**
   * Decodes to RGBA at num/8 of the size (`num` from `pickScale`; 8 = full size). The pixels are copied out of the
   * module's memory, which is then free for the next photo.
   */
  decode(bytes: Uint8Array, num = SCALE_DENOM): Pixels {
    const { width: fw, height: fh } = this.header(bytes);
    const width = scaledSize(fw, num);
    const height = scaledSize(fh, num);
    return this.withInput(bytes, (ex, src, handle) => {
      const size = width * height * 4;
      const dst = ex.malloc(size);
      if (!dst) throw new JpegDecodeError('out of memory');
      const status = ex.tjDecompress2(handle, src, bytes.length, dst, width, width * 4, height, TJPF_RGBA, 0);
      if (status !== 0) {
        ex.free(dst);
        throw new JpegDecodeError('unreadable JPEG data');
      }
      const data = new Uint8Array(size);
      data.set(new Uint8Array(ex.memory.buffer, dst, size));
      ex.free(dst);
      return { width, height, data };
    });
  }
}
