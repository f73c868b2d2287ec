/** Messages between a writer (the import worker) and its checkpoint thread (checkpoint-worker.ts). */

export interface CheckpointStartData {
  databasePath: string;
}

/** `seq` numbers the writer's commits: an answer covers every commit up to its seq. */
export type ToCheckpointer = { type: 'checkpoint'; seq: number } | { type: 'stop' };

/**
 * After a PASSIVE checkpoint: the WAL's frames then; null when it could not run (another connection was
 * checkpointing, an error): the size is not known. The thread's exit says it stopped.
 */
export type FromCheckpointer = { type: 'checkpointed'; seq: number; walFrames: number | null };
