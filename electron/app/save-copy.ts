import { copyFile } from 'node:fs/promises';
import type { SaveCopyOutcome } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/ipc/result';
import { AppError } from '../core/errors';
import { assertNotAppFile } from '../core/user-files';

/**
 * Writes the user's copy of a file the app made (an export, rejected rows) where the save dialog pointed, and
 * says what happened as data: the renderer tells "exported" only when a file was written, and says why not
 * when none was (a cancelled dialog is neither).
 */
export async function saveUserCopy(dataDir: string, source: string, chosenTarget: string | undefined): Promise<Result<SaveCopyOutcome>> {
  if (chosenTarget === undefined) return ok('cancelled');
  try {
    assertNotAppFile(dataDir, chosenTarget);
    await copyFile(source, chosenTarget);
    return ok('saved');
  } catch (error) {
    if (error instanceof AppError) return fail(error.code, error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return fail('disk-full', `${chosenTarget} could not be written: the disk is full. Free some space or choose another place.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return fail('validation', `${chosenTarget} could not be written: this folder does not allow it. Choose another place (your Documents folder, say).`);
    }
    return fail('internal', `${chosenTarget} could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
