import type { ChoiceRule, JsonValue, State, WaitState } from '@step/asl';
import { compileChoiceRule, parseTimestamp } from '../../choice/index.js';
import { compilePath, explainMissing } from '../../paths/compilePath.js';
import { applyResultPath, compileResultPath, ResultPathRef } from '../../paths/compileResultPath.js';
import { compileDynamicValue, compileTemplateNode, parsePathOrThrow } from '../../paths/compileTemplate.js';
import { copyObject } from '../../paths/deepCopy.js';
import { evalTemplate } from '../../paths/TemplateNode.js';
import type { TemplateNode } from '../../paths/TemplateNode.js';
import { StatesFailure } from '../../StatesFailure.js';
import { applyIo, IoPath } from '../IoPath.js';
import type { CompiledCatcher, Outcome } from '../model.js';
import type { FieldReader, Finish, StateFields, FinishKind, Read } from '../states/FieldReader.js';
import type { Visit } from '../Visit.js';
import { FixedScope } from '../Visit.js';

type Fields = Record<string, unknown>;

/** IoPath and ResultPathRef are immutable: share them between states (most states use `$` or a common path). */
const IO_IDENTITY = new IoPath(undefined);
const IO_EMPTY = new IoPath(null);
const IO_CACHE = new Map<string, IoPath>();
const RESULT_KEEP = new ResultPathRef(null);
const RESULT_CACHE = new Map<string, ResultPathRef>();
const SHARED_CACHE_LIMIT = 10_000;

function ioPath(path: unknown): IoPath {
  if (path === undefined || path === '$') return IO_IDENTITY;
  if (path === null) return IO_EMPTY;
  if (typeof path !== 'string') return new IoPath(path);
  let io = IO_CACHE.get(path);
  if (io === undefined) {
    io = new IoPath(path);
    if (IO_CACHE.size >= SHARED_CACHE_LIMIT) IO_CACHE.clear();
    IO_CACHE.set(path, io);
  }
  return io;
}

function resultPathRef(rp: unknown): ResultPathRef {
  if (rp === null) return RESULT_KEEP;
  const text = typeof rp === 'string' ? rp : '$';
  let ref = RESULT_CACHE.get(text);
  if (ref === undefined) {
    ref = new ResultPathRef(parsePathOrThrow(text, 'ResultPath'));
    if (RESULT_CACHE.size >= SHARED_CACHE_LIMIT) RESULT_CACHE.clear();
    RESULT_CACHE.set(text, ref);
  }
  return ref;
}

function node(value: unknown): TemplateNode | undefined {
  return value === undefined ? undefined : compileTemplateNode(value as JsonValue);
}

/** An Assign block's template; `Assign: null` assigns nothing. */
function assignNode(value: unknown): TemplateNode | undefined {
  return value === null ? undefined : node(value);
}

/** Java's integer and decimal number texts: AWS parses a `*Path` value's text, so `"2"` is as good as `2`. */
const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function shown(v: JsonValue): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The number a `*Path` field (MaxConcurrencyPath, ToleratedFailureCountPath, MaxItemsPath, ...) refers to: a JSON
 * number or a numeric string, as AWS accepts both; anything else fails with AWS's "is not a valid integer" text.
 */
function pathNumber(text: string, field: string, kind: 'integer' | 'float'): Read<number> {
  const ast = parsePathOrThrow(text, field);
  const get = compilePath(ast);
  return (visit, input) => {
    const scope = visit.scope(input);
    const v = get(scope);
    if (v === undefined)
      throw new StatesFailure('States.Runtime', `Invalid path '${text}' : ${explainMissing(ast, scope)}`);
    if (typeof v === 'number' && (kind === 'float' || Number.isInteger(v))) return v;
    if (typeof v === 'string' && (kind === 'float' ? FLOAT_TEXT : INTEGER_TEXT).test(v)) return Number(v);
    throw new StatesFailure(
      'States.Runtime',
      `The ${field} field refers to value "${shown(v)}" which is not a valid ${kind}: ${text}`,
    );
  };
}

function secondsPath(text: string): Read<number> {
  const get = compilePath(parsePathOrThrow(text, 'SecondsPath'));
  return (visit, input) => {
    const v = get(visit.scope(input));
    if (v === undefined) {
      throw new StatesFailure('States.Runtime', `The SecondsPath parameter does not reference an input value: ${text}`);
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new StatesFailure(
        'States.Runtime',
        `The SecondsPath parameter cannot be parsed as a long value: ${text} == ${shown(v)}`,
      );
    }
    if (v < 0) {
      throw new StatesFailure(
        'States.Runtime',
        `The SecondsPath parameter references a negative value: ${text} == ${v}`,
      );
    }
    return v;
  };
}

function timestampPath(text: string): Read<number> {
  const get = compilePath(parsePathOrThrow(text, 'TimestampPath'));
  return (visit, input) => {
    const v = get(visit.scope(input));
    if (v === undefined) {
      throw new StatesFailure(
        'States.Runtime',
        `The TimestampPath parameter does not reference an input value: ${text}`,
      );
    }
    const at = typeof v === 'string' ? parseTimestamp(v) : undefined;
    if (at === undefined) {
      throw new StatesFailure(
        'States.Runtime',
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text} == ${shown(v)}`,
      );
    }
    return at;
  };
}

/** Evaluates an Assign block with `$` = `dollar` (keys ending `.$` take paths; all are evaluated before any is set). */
function assignOf(n: TemplateNode, visit: Visit, dollar: JsonValue): Record<string, JsonValue> {
  return evalTemplate(n, visit.scope(dollar), visit.core) as Record<string, JsonValue>;
}

/**
 * The JSONPath {@link FieldReader}: InputPath, Parameters, ResultSelector, ResultPath, OutputPath, `*Path` fields
 * and JSONPath Choice rules. Everything it returns is synchronous.
 *
 * @example
 * ```ts
 * const finish = jsonPathReader.finish({ Type: 'Pass', ResultPath: '$.r', End: true }, 'pass');
 * finish(visit, { a: 1 }, { a: 1 }, 2, undefined); // { output: { a: 1, r: 2 }, next: undefined, assigned: undefined }
 * ```
 * @internal
 */
export const jsonPathReader: FieldReader = {
  jsonata: false,

  input(state) {
    const io = ioPath((state as StateFields).InputPath);
    if (io.mode === 0) return (_visit, raw) => raw;
    return (visit, raw) => applyIo(io, visit, raw);
  },

  argumentsOf(holder) {
    return (holder as Fields).Parameters;
  },

  arguments(holder) {
    return this.template((holder as Fields).Parameters, 'Parameters');
  },

  template(value) {
    const n = node(value);
    return n && ((visit, input) => evalTemplate(n, visit.scope(input), visit.core));
  },

  number(holder, field, kind = 'integer') {
    const f = holder as Fields;
    const pathText = f[`${field}Path`];
    if (typeof pathText === 'string') return pathNumber(pathText, `${field}Path`, kind);
    const literal = f[field];
    if (typeof literal === 'number') return () => literal;
    return undefined;
  },

  text(holder, field) {
    const f = holder as Fields;
    const pathText = f[`${field}Path`];
    if (typeof pathText === 'string') {
      const get = compileDynamicValue(pathText, `${field}Path`);
      return (visit, input) => shown(get(visit.scope(input), visit.core));
    }
    const literal = f[field] as string | undefined;
    return () => literal;
  },

  waitSeconds(state: WaitState) {
    const seconds = state.Seconds;
    if (typeof seconds === 'number') return () => seconds;
    return typeof state.SecondsPath === 'string' ? secondsPath(state.SecondsPath) : undefined;
  },

  waitTimestamp(state: WaitState) {
    if (typeof state.Timestamp === 'string') {
      const text = state.Timestamp;
      const at = parseTimestamp(text);
      return () => {
        if (at === undefined) {
          throw new StatesFailure(
            'States.Runtime',
            `The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text}`,
          );
        }
        return at;
      };
    }
    return typeof state.TimestampPath === 'string' ? timestampPath(state.TimestampPath) : undefined;
  },

  items(state) {
    const text = state.ItemsPath;
    if (typeof text !== 'string') return (_visit, input) => input;
    const ast = parsePathOrThrow(text, 'ItemsPath');
    const get = compilePath(ast);
    return (visit, input) => {
      const scope = visit.scope(input);
      const items = get(scope);
      if (items === undefined) {
        throw new StatesFailure('States.Runtime', `Invalid path '${text}' : ${explainMissing(ast, scope)}`);
      }
      return items;
    };
  },

  itemSelector(state) {
    const n = node(state.ItemSelector ?? state.Parameters);
    if (n === undefined) return undefined;
    return (visit, input, item, index) => {
      const ctx = copyObject(visit.contextObject());
      ctx.Map = { Item: { Index: index, Value: item } };
      return evalTemplate(n, new FixedScope(input, ctx, visit.frame.vars), visit.core);
    };
  },

  condition(rule: ChoiceRule) {
    const test = compileChoiceRule(rule, compilePath);
    return (visit, input) => test(visit.scope(input));
  },

  finish(state: State, kind: FinishKind, rule?: ChoiceRule): Finish {
    const f = state as StateFields;
    const out = ioPath(f.OutputPath);
    const assign = assignNode(f.Assign);
    if (kind === 'input') {
      const ruleAssign = assignNode((rule as Fields | undefined)?.Assign);
      return (visit, _raw, effective, _result, next): Outcome => {
        let assigned = assign === undefined ? undefined : assignOf(assign, visit, effective);
        if (ruleAssign !== undefined) assigned = { ...assigned, ...assignOf(ruleAssign, visit, effective) };
        return { output: out.mode === 0 ? effective : applyIo(out, visit, effective), next, assigned };
      };
    }
    const selector = kind === 'result' ? node(f.ResultSelector) : undefined;
    const resultPath = resultPathRef(f.ResultPath);
    return (visit, raw, _effective, result, next): Outcome => {
      const selected = selector === undefined ? result : evalTemplate(selector, visit.scope(result), visit.core);
      const assigned = assign === undefined ? undefined : assignOf(assign, visit, selected);
      const output = applyResultPath(resultPath, raw, selected);
      return { output: out.mode === 0 ? output : applyIo(out, visit, output), next, assigned };
    };
  },

  catchers(state) {
    const list = (state as StateFields).Catch ?? [];
    return list.map((c): CompiledCatcher => {
      const rp = c.ResultPath;
      const setter = compileResultPath(
        rp === null ? null : parsePathOrThrow(typeof rp === 'string' ? rp : '$', 'ResultPath'),
      );
      const assign = assignNode(c.Assign);
      return {
        errorEquals: c.ErrorEquals ?? [],
        nextName: String(c.Next),
        next: undefined,
        handle(visit: Visit, rawInput: JsonValue, errorOutput: JsonValue): Outcome {
          const assigned = assign === undefined ? undefined : assignOf(assign, visit, errorOutput);
          return { output: setter(rawInput, errorOutput), next: undefined, assigned };
        },
      };
    });
  },
};
