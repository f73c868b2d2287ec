/** Messages between the main thread (SyncService) and the sync worker thread. Plain data only. */
import type { SyncConfig } from './config';
import type { ConnectivitySnapshot } from './connectivity';
import type { RunnerProgress } from './runner';

export interface WorkerStartData {
  dbFile: string;
  owner: string;
  config: SyncConfig;
  companyIds: number[] | null;
  /**
   * The main thread's clock minus the system clock (0 normally; a test's injected clock otherwise): a
   * function cannot cross into the thread, so the worker follows the same clock as this offset.
   */
  clockOffsetMs: number;
  /** The office's Pause all, remembered: paused before the first claim (a pause message could come after it). */
  startsPaused: boolean;
}

/**
 * Pause and resume carry a number that grows with each: the worker's reports say the last one it took, so the main
 * thread can tell a report sent before its latest pause or resume (its state is older news) from one sent after.
 */
export type ToWorker =
  | { type: 'pause'; controlSeq: number }
  | { type: 'resume'; controlSeq: number }
  | { type: 'poke' }
  /** The company's API key was saved or removed: its lane must fetch it again before the next request. */
  | { type: 'key-changed'; companyId: number }
  | { type: 'stop' }
  /** The answer to a key request. The key is never logged on either side. */
  | { type: 'token'; requestId: number; token: string | null };

export type FromWorker =
  | { type: 'progress'; progress: RunnerProgress; controlSeq: number }
  | { type: 'connectivity'; snapshot: ConnectivitySnapshot }
  | { type: 'idle'; progress: RunnerProgress; controlSeq: number }
  | { type: 'token-request'; requestId: number; companyId: number }
  | { type: 'warning'; message: string }
  | { type: 'stopped' }
  | { type: 'fatal'; message: string };
