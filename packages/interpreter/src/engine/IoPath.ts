import type { JsonValue } from '@step/asl';
import { explainMissing } from '../paths/compilePath.js';
import { parsePathOrThrow } from '../paths/compileTemplate.js';
import { PathRef, readPath } from '../paths/PathRef.js';
import { StatesFailure } from '../StatesFailure.js';
import type { Visit } from './Visit.js';

/**
 * InputPath/OutputPath as data: `undefined`/`$` = identity (mode 0), `null` = `{}` (mode 1), else a path that
 * must select something (mode 2).
 * @internal
 */
export class IoPath {
  readonly mode: number;
  readonly path: PathRef | undefined;

  constructor(path: unknown) {
    if (path === undefined || path === '$') {
      this.mode = 0;
      this.path = undefined;
    } else if (path === null) {
      this.mode = 1;
      this.path = undefined;
    } else {
      const text = typeof path === 'string' ? path : JSON.stringify(path);
      this.mode = 2;
      this.path = new PathRef(text, parsePathOrThrow(text, 'Path'));
    }
  }
}

/**
 * Applies an {@link IoPath}; a path that selects nothing fails with AWS's `Invalid path` cause.
 * @internal
 */
export function applyIo(io: IoPath, visit: Visit, value: JsonValue): JsonValue {
  if (io.mode === 0) return value;
  if (io.mode === 1) return {};
  const p = io.path!;
  const scope = visit.scope(value);
  const v = readPath(p, scope);
  if (v === undefined)
    throw new StatesFailure('States.Runtime', `Invalid path '${p.text}' : ${explainMissing(p.ast, scope)}`);
  return v;
}
