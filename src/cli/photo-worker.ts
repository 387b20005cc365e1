/**
 * A worker thread of `xueji photos --fix` (photo-pool.ts): reads one source at a time, makes its copy with the same
 * `fixPhoto` the browser runs, and hands the copy's bytes back (transferred, not copied). One source in memory at a
 * time per worker: memory does not grow with the batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { promises as fsp } from 'node:fs';
import { loadNodePhotoCodecs } from '../files/photo-codecs-node';
import { fixPhoto } from '../files/photo-fix';
import type { PhotoLimits } from '../core/evidence/profile';
import type { FixRequest, FixReply, WorkerReady } from './photo-pool';

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('photo-worker.js runs only as a worker thread');
  const limits = (workerData as { limits: PhotoLimits }).limits;
  const { codecs, fallback } = await loadNodePhotoCodecs();
  port.on('message', (req: FixRequest) => {
    void (async () => {
      let reply: FixReply;
      try {
        const bytes = new Uint8Array(await fsp.readFile(req.abs));
        reply = { id: req.id, outcome: await fixPhoto(bytes, limits, codecs, { qualityGuess: req.guess }) };
      } catch (e) {
        reply = { id: req.id, failure: { code: (e as NodeJS.ErrnoException)?.code ?? null, message: e instanceof Error ? e.message : String(e) } };
      }
      const transfer = 'outcome' in reply && reply.outcome?.ok ? [reply.outcome.bytes.buffer as ArrayBuffer] : [];
      port.postMessage(reply, transfer);
    })();
  });
  port.postMessage({ ready: true, fallback } satisfies WorkerReady);
}

void main();
