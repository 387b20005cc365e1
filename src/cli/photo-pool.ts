/**
 * Making copies in parallel for `xueji photos --fix`: one worker thread per core (photo-worker.ts), each with its
 * own codecs (native through sharp, else WebAssembly: photo-codecs-node.ts), each holding one source at a time.
 * Decoding a phone photo is CPU work: on this project's 2-core machines two workers halve the time of a batch
 * (bench/photos.ts).
 *
 * When the compiled worker script is not there (the TypeScript sources run under jest) or one job is asked for,
 * the copies are made in this thread with the same function: same results, one at a time.
 */
import { existsSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PhotoLimits } from '../core/evidence/profile';
import { fixPhoto, type PhotoFixOutcome } from '../files/photo-fix';
import { loadNodePhotoCodecs } from '../files/photo-codecs-node';

export interface FixRequest {
  id: number;
  /** The source file. */
  abs: string;
  /** Where the quality search starts. */
  guess?: number;
}

export type FixReply =
  | { id: number; outcome: PhotoFixOutcome }
  /** The source could not be read (or the worker failed): the caller says so in Chinese. */
  | { id: number; failure: { code: string | null; message: string } };

/** A worker's first message: its codecs are loaded (`fallback`: why they are the WebAssembly ones). */
export interface WorkerReady {
  ready: true;
  fallback: string | null;
}

export class PhotoPoolError extends Error {
  override readonly name = 'PhotoPoolError';
}

const WORKER_SCRIPT = join(__dirname, 'photo-worker.js');

/** How many workers: the cores there are, at most 4 (each holds a decoded photo of up to ~50 MB). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

export interface PhotoPool {
  /** How many copies are made at the same time. */
  readonly size: number;
  /** Why the copies are made with the (slower) WebAssembly codecs: sharp's message; null when native. */
  readonly fallback: string | null;
  fix(req: Omit<FixRequest, 'id'>): Promise<FixReply>;
  close(): Promise<void>;
}

/** The pool: worker threads when the compiled worker is there and more than one job is wanted. */
export async function openPhotoPool(limits: PhotoLimits, jobs: number): Promise<PhotoPool> {
  if (jobs <= 1 || !existsSync(WORKER_SCRIPT)) return inThread(limits);
  return workerPool(limits, jobs);
}

async function inThread(limits: PhotoLimits): Promise<PhotoPool> {
  const { codecs, fallback } = await loadNodePhotoCodecs();
  let id = 0;
  return {
    size: 1,
    fallback,
    async fix(req) {
      const n = ++id;
      try {
        const bytes = new Uint8Array(await fsp.readFile(req.abs));
        return { id: n, outcome: await fixPhoto(bytes, limits, codecs, { qualityGuess: req.guess }) };
      } catch (e) {
        const code = (e as NodeJS.ErrnoException)?.code;
        if (typeof code === 'string') return { id: n, failure: { code, message: (e as Error).message } };
        throw e;
      }
    },
    async close() {},
  };
}

interface Slot {
  worker: Worker;
  /** Taken (synchronously, when handed out); `job` once its request is posted. */
  taken: boolean;
  busy: { id: number; resolve: (r: FixReply) => void; reject: (e: Error) => void } | null;
}

/**
 * sharp asks to be loaded in the main thread before worker threads use it (sharp's "worker threads" notes: its shared
 * libraries must outlive the workers on glibc). When it cannot load here it cannot in the workers either: each one
 * then falls back to WebAssembly and says why in its first message, which is where the command hears it.
 */
async function preloadSharp(): Promise<void> {
  await import('sharp').then(
    () => undefined,
    () => undefined,
  );
}

async function workerPool(limits: PhotoLimits, jobs: number): Promise<PhotoPool> {
  await preloadSharp();
  const slots: Slot[] = [];
  const waiting: ((s: Slot) => void)[] = [];
  let broken: Error | null = null;
  let next = 0;
  let fallback: string | null = null;

  const release = (s: Slot) => {
    s.busy = null;
    const w = waiting.shift();
    if (w) w(s);
    else s.taken = false;
  };
  const fail = (s: Slot, e: Error) => {
    broken ??= new PhotoPoolError(`处理照片的工作线程出错：${e.message}`);
    if (s.busy) s.busy.reject(broken);
    s.busy = null;
    // Whoever waits for a slot hears it too.
    for (const w of waiting.splice(0)) w(s);
  };

  await Promise.all(
    Array.from({ length: jobs }, async () => {
      const worker = new Worker(WORKER_SCRIPT, { workerData: { limits } });
      const slot: Slot = { worker, taken: false, busy: null };
      await new Promise<void>((resolve, reject) => {
        worker.once('message', (m: WorkerReady) => {
          fallback ??= m.fallback;
          resolve();
        });
        worker.once('error', reject);
      });
      worker.on('message', (m: FixReply) => {
        const b = slot.busy;
        if (!b || m.id !== b.id) return;
        b.resolve(m);
        release(slot);
      });
      worker.on('error', (e) => fail(slot, e));
      worker.on('exit', (code) => {
        if (code !== 0) fail(slot, new Error(`exit ${code}`));
      });
      slots.push(slot);
    }),
  );

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.taken);
    if (free) {
      free.taken = true;
      return Promise.resolve(free);
    }
    return new Promise((r) => waiting.push(r));
  };

  return {
    size: slots.length,
    fallback,
    async fix(req) {
      if (broken) throw broken;
      const slot = await acquire();
      if (broken) {
        release(slot);
        throw broken;
      }
      const id = ++next;
      return new Promise<FixReply>((resolve, reject) => {
        slot.busy = { id, resolve, reject };
        slot.worker.postMessage({ ...req, id } satisfies FixRequest);
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
