// A check worker thread (see pool.ts): it checks the files it is sent and answers file by file.
// All files of a message are started in the same tick, so ShellCheck gets their blocks together
// (shell/shellcheck.ts batches the requests of one tick into one process).
import { parentPort, workerData } from 'node:worker_threads';
import { checkFileText, type FileResult } from './fileResult';
import type { Settings } from '../analysis/settings';

export interface WorkerJob { index: number; uri: string; text: string }
export interface WorkerReply { index: number; result?: FileResult; error?: string }

const settings = (workerData as { settings: Settings }).settings;

parentPort?.on('message', (jobs: WorkerJob[]) => {
  for (const job of jobs) {
    checkFileText(job.text, job.uri, settings).then(
      result => parentPort!.postMessage({ index: job.index, result } satisfies WorkerReply),
      (e: unknown) => parentPort!.postMessage({ index: job.index, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply),
    );
  }
});
