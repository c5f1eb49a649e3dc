import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEvent } from '@step/interpreter';
import { ExitError } from '../errors.js';
import { messageOf } from './loadDefinitionSource.js';

/**
 * Write an execution history as AWS GetExecutionHistory returns it: `{"events": [...]}`, dates as ISO strings.
 *
 * @remarks
 * Throws `ExitError` (exit 2) naming the file when it cannot be written.
 */
export async function writeHistory(file: string, cwd: string, events: readonly HistoryEvent[]): Promise<void> {
  try {
    await writeFile(path.resolve(cwd, file), `${JSON.stringify({ events }, null, 2)}\n`);
  } catch (error) {
    throw new ExitError(`Cannot write the history to "${file}": ${messageOf(error)}. Check the path.`, 2, {
      cause: error,
    });
  }
}
