import type { JsonPathAst, JsonValue } from '@step/asl';
import { StatesFailure } from '../StatesFailure.js';
import { copyObject } from './deepCopy.js';

/**
 * Puts `result` into a copy of `raw` at a reference path (ResultPath); returns a new value, never mutates.
 * @internal
 */
export type ResultSetter = (raw: JsonValue, result: JsonValue) => JsonValue;

function setAt(
  node: JsonValue | undefined,
  segs: JsonPathAst['segments'],
  i: number,
  result: JsonValue,
  source: string,
): JsonValue {
  if (i === segs.length) return result;
  const seg = segs[i]!;
  if (seg.kind === 'index') {
    if (!Array.isArray(node)) {
      throw new StatesFailure('States.Runtime', `Invalid path '${source}' : Unable to set value at index ${seg.index}`);
    }
    const copy = node.slice();
    const idx = seg.index < 0 ? copy.length + seg.index : seg.index;
    copy[idx] = setAt(copy[idx], segs, i + 1, result, source);
    return copy;
  }
  if (seg.kind !== 'property') {
    throw new StatesFailure('States.Runtime', `Invalid path '${source}' : ResultPath must be a reference path`);
  }
  const obj: { [k: string]: JsonValue } =
    typeof node === 'object' && node !== null && !Array.isArray(node) ? copyObject(node) : {};
  obj[seg.name] = setAt(
    Object.prototype.hasOwnProperty.call(obj, seg.name) ? obj[seg.name] : undefined,
    segs,
    i + 1,
    result,
    source,
  );
  return obj;
}

/**
 * Compiles a ResultPath: `null` keeps the raw input, `$` replaces it, anything else writes the result into a
 * shallow copy of the input along the path (creating missing objects).
 * @internal
 */
export function compileResultPath(ast: JsonPathAst | null): ResultSetter {
  if (ast === null) return (raw) => raw;
  const segs = ast.segments;
  if (segs.length === 0) return (_raw, result) => result;
  const s0 = segs[0];
  if (segs.length === 1 && s0 !== undefined && s0.kind === 'property') {
    const name = s0.name;
    return (raw, result) => {
      const obj: { [k: string]: JsonValue } =
        typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? copyObject(raw) : {};
      obj[name] = result;
      return obj;
    };
  }
  const source = ast.source;
  return (raw, result) => setAt(raw, segs, 0, result, source);
}

/**
 * A ResultPath as data, applied by the one shared {@link applyResultPath} (stays hot across states).
 * @internal
 */
export class ResultPathRef {
  /** 0 keep the input (null), 1 replace it ($), 2 one property, 3 a deeper path. */
  readonly mode: number;
  readonly name: string;
  readonly ast: JsonPathAst | null;

  constructor(ast: JsonPathAst | null) {
    this.ast = ast;
    const s0 = ast?.segments[0];
    if (ast === null) this.mode = 0;
    else if (ast.segments.length === 0) this.mode = 1;
    else if (ast.segments.length === 1 && s0 !== undefined && s0.kind === 'property') this.mode = 2;
    else this.mode = 3;
    this.name = this.mode === 2 && s0 !== undefined && s0.kind === 'property' ? s0.name : '';
  }
}

/**
 * Puts a result into a copy of the raw input per a {@link ResultPathRef}; never mutates.
 * @internal
 */
export function applyResultPath(ref: ResultPathRef, raw: JsonValue, result: JsonValue): JsonValue {
  switch (ref.mode) {
    case 0:
      return raw;
    case 1:
      return result;
    case 2: {
      const obj = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? copyObject(raw) : {};
      obj[ref.name] = result;
      return obj;
    }
    default:
      return setAt(raw, ref.ast!.segments, 0, result, ref.ast!.source);
  }
}
