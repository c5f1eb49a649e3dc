import type { JsonValue } from '@step/asl';
import { compileChoiceRule, parseTimestamp } from '../choice/index.js';
import { compilePath, explainMissing } from '../paths/compilePath.js';
import { evalTemplate } from '../paths/TemplateNode.js';
import type { TemplateNode } from '../paths/TemplateNode.js';
import { applyResultPath, compileResultPath, ResultPathRef } from '../paths/compileResultPath.js';
import { copyObject, deepCopy } from '../paths/deepCopy.js';
import {
  compileDynamicValue,
  compileTemplate,
  compileTemplateNode,
  parsePathOrThrow,
} from '../paths/compileTemplate.js';
import type { TemplateFn } from '../paths/compileTemplate.js';
import { StatesFailure } from '../StatesFailure.js';
import type { EvalScope } from '../evalScope.js';
import { PropagatedFailure } from './failures.js';
import { describeTask } from './invokeTask.js';
import { evaluatedConfig, readMapItems } from './readMapItems.js';
import { runMap } from './runMap.js';
import type { MapConfig } from './runMap.js';
import { runParallel } from './runParallel.js';
import { runTask } from './runTask.js';
import { checkMapConfig } from './states/map.js';
import { checkWaitDelay } from './states/wait.js';
import type { CompiledCatcher, CompiledRetrier, CompiledState, MaybePromise, Outcome, Program } from './model.js';
import { applyIo, IoPath } from './IoPath.js';
import type { Visit } from './Visit.js';
import { FixedScope } from './Visit.js';
import { compileRetriers } from './compileRetriers.js';
import type { MutableState, RawState, StateCompiler } from './model.js';

function compileOptTemplate(t: unknown): TemplateFn | undefined {
  return t === undefined ? undefined : compileTemplate(t as JsonValue);
}

/** JSONPath `Assign`: keys ending `.$` take paths/intrinsics; all evaluated before any is assigned. */
function compileAssign(assign: unknown): ((visit: Visit, dollar: JsonValue) => Record<string, JsonValue>) | undefined {
  if (assign === undefined || assign === null) return undefined;
  const node = compileTemplateNode(assign as JsonValue);
  return (visit, dollar) => evalTemplate(node, visit.scope(dollar), visit.core) as Record<string, JsonValue>;
}

/** Java's integer and decimal number texts: AWS parses a `*Path` value's text, so `"2"` is as good as `2`. */
const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number a `*Path` field (MaxConcurrencyPath, ToleratedFailureCountPath, MaxItemsPath, ...) refers to: a JSON
 * number or a numeric string, as AWS accepts both; anything else fails with AWS's "is not a valid integer" text.
 */
function readInteger(
  visit: Visit,
  ast: ReturnType<typeof parsePathOrThrow>,
  get: (s: EvalScope) => JsonValue | undefined,
  text: string,
  field: string,
  input: JsonValue,
  kind: 'integer' | 'float' = 'integer',
): number {
  const scope = visit.scope(input);
  const v = get(scope);
  if (v === undefined)
    throw new StatesFailure('States.Runtime', `Invalid path '${text}' : ${explainMissing(ast, scope)}`);
  if (typeof v === 'number' && (kind === 'float' || Number.isInteger(v))) return v;
  if (typeof v === 'string' && (kind === 'float' ? FLOAT_TEXT : INTEGER_TEXT).test(v)) return Number(v);
  const shown = typeof v === 'string' ? v : JSON.stringify(v);
  throw new StatesFailure(
    'States.Runtime',
    `The ${field} field refers to value "${shown}" which is not a valid ${kind}: ${text}`,
  );
}

function compilePathNumber(
  literal: unknown,
  pathText: unknown,
  field: string,
  kind: 'integer' | 'float' = 'integer',
): ((visit: Visit, input: JsonValue) => number) | undefined {
  if (typeof pathText === 'string') {
    const ast = parsePathOrThrow(pathText, `${field}Path`);
    const get = compilePath(ast);
    return (visit, input) => readInteger(visit, ast, get, pathText, `${field}Path`, input, kind);
  }
  if (typeof literal === 'number') return () => literal;
  return undefined;
}

/**
 * A catcher of a JSONPath state: its ResultPath onto the raw input; Assign with `$` = error output. The state's
 * OutputPath does not apply (AWS hands the catcher's output to its Next as it is).
 */
function compileJsonPathCatchers(raw: RawState): CompiledCatcher[] {
  const list = (raw.Catch as Record<string, unknown>[] | undefined) ?? [];
  return list.map((c) => {
    const rp = c.ResultPath;
    const setter = compileResultPath(
      rp === null ? null : parsePathOrThrow(typeof rp === 'string' ? rp : '$', 'ResultPath'),
    );
    const assign = compileAssign(c.Assign);
    return {
      errorEquals: (c.ErrorEquals as string[]) ?? [],
      nextName: String(c.Next),
      next: undefined,
      handle(visit: Visit, rawInput: JsonValue, errorOutput: JsonValue): Outcome {
        const assigned = assign?.(visit, errorOutput);
        return { output: setter(rawInput, errorOutput), next: undefined, assigned };
      },
    };
  });
}

function waitSecondsFailure(text: string, v: JsonValue): StatesFailure | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return new StatesFailure(
      'States.Runtime',
      `The SecondsPath parameter cannot be parsed as a long value: ${text} == ${typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
  }
  if (v < 0)
    return new StatesFailure(
      'States.Runtime',
      `The SecondsPath parameter references a negative value: ${text} == ${v}`,
    );
  return undefined;
}

const TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const ENTERED_EVENT: Record<string, string> = Object.fromEntries(TYPES.map((t) => [t, `${t}StateEntered`]));
const EXITED_EVENT: Record<string, string> = Object.fromEntries(TYPES.map((t) => [t, `${t}StateExited`]));

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

/**
 * A compiled JSONPath state: its data-flow steps are data (paths, templates, result path) run by shared functions,
 * so the hot code stays optimised however many states a machine has.
 *
 * @example
 * ```ts
 * const st = new JsonPathState('P', { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true });
 * ```
 * @internal
 */
export class JsonPathState implements MutableState {
  readonly name: string;
  readonly type: CompiledState['type'];
  readonly jsonata = false;
  readonly enteredEvent: string;
  readonly exitedEvent: string;
  readonly nextName: string | undefined;
  next: CompiledState | undefined = undefined;
  retriers: CompiledRetrier[] = [];
  catchers: CompiledCatcher[] = [];
  needsToken = false;
  /** Set by compileProgram; declared here so that setting it does not change the object's shape. */
  checkOutputSize = false;
  defaultState: CompiledState | undefined = undefined;
  link: ((resolve: (name: string) => CompiledState) => void) | undefined = undefined;
  readonly inputPath: IoPath;
  readonly outputPath: IoPath;
  readonly resultPath: ResultPathRef;
  readonly parameters: TemplateNode | undefined;
  readonly resultSelector: TemplateNode | undefined;
  readonly assign: TemplateNode | undefined;
  readonly hasResult: boolean;
  readonly result: JsonValue;
  exec: (this: JsonPathState, visit: Visit, raw: JsonValue) => MaybePromise<Outcome> = notCompiled;

  constructor(name: string, raw: RawState) {
    this.name = name;
    this.type = raw.Type as CompiledState['type'];
    this.enteredEvent = ENTERED_EVENT[this.type] ?? `${this.type}StateEntered`;
    this.exitedEvent = EXITED_EVENT[this.type] ?? `${this.type}StateExited`;
    this.nextName = typeof raw.Next === 'string' ? raw.Next : undefined;
    this.inputPath = ioPath(raw.InputPath);
    this.outputPath = ioPath(raw.OutputPath);
    const rp = raw.ResultPath;
    this.resultPath = resultPathRef(rp);
    this.parameters = raw.Parameters === undefined ? undefined : compileTemplateNode(raw.Parameters as JsonValue);
    this.resultSelector =
      raw.ResultSelector === undefined ? undefined : compileTemplateNode(raw.ResultSelector as JsonValue);
    this.assign =
      raw.Assign === undefined || raw.Assign === null ? undefined : compileTemplateNode(raw.Assign as JsonValue);
    this.hasResult = 'Result' in raw;
    this.result = this.hasResult ? (raw.Result as JsonValue) : null;
  }
}

function notCompiled(this: JsonPathState): never {
  throw new Error(`internal: state ${this.name} was not compiled`);
}

/** Pass: InputPath, Result or Parameters, Assign ($ = the result), ResultPath, OutputPath. */
function execPass(this: JsonPathState, visit: Visit, raw: JsonValue): Outcome {
  const eff = this.inputPath.mode === 0 ? raw : applyIo(this.inputPath, visit, raw);
  let res: JsonValue;
  if (this.hasResult)
    res = typeof this.result === 'object' && this.result !== null ? deepCopy(this.result) : this.result;
  else if (this.parameters !== undefined) res = evalTemplate(this.parameters, visit.scope(eff), visit.core);
  else res = eff;
  const assigned =
    this.assign === undefined
      ? undefined
      : (evalTemplate(this.assign, visit.scope(res), visit.core) as Record<string, JsonValue>);
  const output = applyResultPath(this.resultPath, raw, res);
  return {
    output: this.outputPath.mode === 0 ? output : applyIo(this.outputPath, visit, output),
    next: this.next,
    assigned,
  };
}

/** Succeed: InputPath then OutputPath. */
function execSucceed(this: JsonPathState, visit: Visit, raw: JsonValue): Outcome {
  const eff = applyIo(this.inputPath, visit, raw);
  return { output: applyIo(this.outputPath, visit, eff), next: undefined };
}

/**
 * Compiles a JSONPath state: every data-flow step becomes a closure, synchronous states stay synchronous.
 *
 * @example
 * ```ts
 * const state = compileJsonPathState('P', { Type: 'Pass', End: true }, (scope) => compileProgram(scope, undefined, info));
 * ```
 * @internal
 */
export function compileJsonPathState(name: string, raw: RawState, compileChild: StateCompiler): MutableState {
  const type = raw.Type as CompiledState['type'];
  const st = new JsonPathState(name, raw);
  if (type === 'Pass') {
    st.exec = execPass;
    return st;
  }
  if (type === 'Succeed') {
    st.exec = execSucceed;
    return st;
  }
  const { inputPath: inputIo, outputPath: outputIo, resultPath: resultRef, parameters: parametersNode } = st;
  const selectorNode = st.resultSelector;
  const assignNode = st.assign;
  const inp = (visit: Visit, v: JsonValue): JsonValue => applyIo(inputIo, visit, v);
  const out = (visit: Visit, v: JsonValue): JsonValue => applyIo(outputIo, visit, v);
  const assign = assignNode
    ? (visit: Visit, dollar: JsonValue): Record<string, JsonValue> =>
        evalTemplate(assignNode, visit.scope(dollar), visit.core) as Record<string, JsonValue>
    : undefined;
  const resultPath = (rawInput: JsonValue, result: JsonValue): JsonValue =>
    applyResultPath(resultRef, rawInput, result);
  const parameters = parametersNode
    ? (scope: EvalScope, env: Visit['core']): JsonValue => evalTemplate(parametersNode, scope, env)
    : undefined;
  const resultSelector = selectorNode
    ? (scope: EvalScope, env: Visit['core']): JsonValue => evalTemplate(selectorNode, scope, env)
    : undefined;

  switch (type) {
    case 'Fail': {
      const err = typeof raw.ErrorPath === 'string' ? compileDynamicValue(raw.ErrorPath, 'ErrorPath') : undefined;
      const cause = typeof raw.CausePath === 'string' ? compileDynamicValue(raw.CausePath, 'CausePath') : undefined;
      const errText = raw.Error as string | undefined;
      const causeText = raw.Cause as string | undefined;
      const str = (v: JsonValue): string => (typeof v === 'string' ? v : JSON.stringify(v));
      st.exec = (visit, rawInput) => {
        const scope = visit.scope(rawInput);
        const e = err ? str(err(scope, visit.core)) : errText;
        const c = cause ? str(cause(scope, visit.core)) : causeText;
        throw new PropagatedFailure(e, c);
      };
      return st;
    }
    case 'Choice': {
      const rules = ((raw.Choices as Record<string, unknown>[] | undefined) ?? []).map((rule) => ({
        test: compileChoiceRule(rule as never, compilePath),
        nextName: String(rule.Next),
        assign: compileAssign(rule.Assign),
      }));
      const defaultName = raw.Default as string | undefined;
      const targets: (CompiledState | undefined)[] = [];
      st.link = (resolve) => {
        rules.forEach((r, i) => (targets[i] = resolve(r.nextName)));
        if (defaultName !== undefined) st.defaultState = resolve(defaultName);
      };
      st.exec = (visit, rawInput) => {
        const eff = inp(visit, rawInput);
        const scope = visit.scope(eff);
        for (let i = 0; i < rules.length; i++) {
          const rule = rules[i]!;
          if (rule.test(scope)) {
            let assigned = assign?.(visit, eff);
            if (rule.assign) assigned = { ...assigned, ...rule.assign(visit, eff) };
            return { output: out(visit, eff), next: targets[i], assigned };
          }
        }
        if (st.defaultState === undefined) {
          throw new StatesFailure('States.NoChoiceMatched', `No Matches!`);
        }
        return { output: out(visit, eff), next: st.defaultState, assigned: assign?.(visit, eff) };
      };
      return st;
    }
    case 'Wait': {
      let delay: (visit: Visit, eff: JsonValue) => number;
      if (typeof raw.Seconds === 'number') {
        const ms = raw.Seconds * 1000;
        delay = () => ms;
      } else if (typeof raw.SecondsPath === 'string') {
        const text = raw.SecondsPath;
        const get = compilePath(parsePathOrThrow(text, 'SecondsPath'));
        delay = (visit, eff) => {
          const v = get(visit.scope(eff));
          if (v === undefined) {
            throw new StatesFailure(
              'States.Runtime',
              `The SecondsPath parameter does not reference an input value: ${text}`,
            );
          }
          const f = waitSecondsFailure(text, v);
          if (f) throw f;
          return (v as number) * 1000;
        };
      } else if (typeof raw.Timestamp === 'string') {
        const at = parseTimestamp(raw.Timestamp);
        const text = raw.Timestamp;
        delay = (visit) => {
          if (at === undefined) {
            throw new StatesFailure(
              'States.Runtime',
              `The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text}`,
            );
          }
          return at - visit.core.clock.now();
        };
      } else {
        const text = String(raw.TimestampPath);
        const get = compilePath(parsePathOrThrow(text, 'TimestampPath'));
        delay = (visit, eff) => {
          const v = get(visit.scope(eff));
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
              `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${text} == ${typeof v === 'string' ? v : JSON.stringify(v)}`,
            );
          }
          return at - visit.core.clock.now();
        };
      }
      st.exec = async (visit, rawInput) => {
        const eff = inp(visit, rawInput);
        const ms = delay(visit, eff);
        checkWaitDelay(ms);
        const assigned = assign?.(visit, eff);
        if (ms > 0) await visit.core.clock.sleep(ms, visit.frame.signal);
        return { output: out(visit, eff), next: st.next, assigned };
      };
      return st;
    }
    case 'Task': {
      const spec = describeTask(name, String(raw.Resource), raw.Parameters);
      const credentials = raw.Credentials === undefined ? undefined : compileTemplateNode(raw.Credentials as JsonValue);
      const timeout = compilePathNumber(raw.TimeoutSeconds, raw.TimeoutSecondsPath, 'TimeoutSeconds');
      const heartbeat = compilePathNumber(raw.HeartbeatSeconds, raw.HeartbeatSecondsPath, 'HeartbeatSeconds');
      st.retriers = compileRetriers(raw);
      st.catchers = compileJsonPathCatchers(raw);
      st.needsToken = spec.waitForTaskToken || spec.activity;
      st.exec = async (visit, rawInput) => {
        const eff = inp(visit, rawInput);
        const params = parameters ? parameters(visit.scope(eff), visit.core) : eff;
        const t = timeout?.(visit, eff);
        const h = heartbeat?.(visit, eff);
        const creds = credentials ? evalTemplate(credentials, visit.scope(eff), visit.core) : undefined;
        const result = await runTask(visit, spec, params, t, h, creds);
        const selected = resultSelector ? resultSelector(visit.scope(result), visit.core) : result;
        const assigned = assign?.(visit, selected);
        return { output: out(visit, resultPath(rawInput, selected)), next: st.next, assigned };
      };
      return st;
    }
    case 'Parallel': {
      const branches: Program[] = ((raw.Branches as RawState[] | undefined) ?? []).map((b) => compileChild(b));
      st.retriers = compileRetriers(raw);
      st.catchers = compileJsonPathCatchers(raw);
      st.exec = async (visit, rawInput) => {
        const eff = inp(visit, rawInput);
        const args = parameters ? parameters(visit.scope(eff), visit.core) : eff;
        const result = await runParallel(visit, branches, args);
        const selected = resultSelector ? resultSelector(visit.scope(result), visit.core) : result;
        const assigned = assign?.(visit, selected);
        return { output: out(visit, resultPath(rawInput, selected)), next: st.next, assigned };
      };
      return st;
    }
    case 'Map': {
      const processorRaw = (raw.ItemProcessor ?? raw.Iterator) as RawState;
      const processor = compileChild(processorRaw);
      const mode = (processorRaw.ProcessorConfig as { Mode?: string } | undefined)?.Mode;
      const distributed = mode === 'DISTRIBUTED';
      const itemsPathText = typeof raw.ItemsPath === 'string' ? raw.ItemsPath : undefined;
      const itemsAst = itemsPathText === undefined ? undefined : parsePathOrThrow(itemsPathText, 'ItemsPath');
      const itemsGet = itemsAst ? compilePath(itemsAst) : undefined;
      const selector = compileOptTemplate(raw.ItemSelector ?? raw.Parameters);
      const maxConc = compilePathNumber(raw.MaxConcurrency, raw.MaxConcurrencyPath, 'MaxConcurrency');
      const tolCount = compilePathNumber(
        raw.ToleratedFailureCount,
        raw.ToleratedFailureCountPath,
        'ToleratedFailureCount',
      );
      const tolPct = compilePathNumber(
        raw.ToleratedFailurePercentage,
        raw.ToleratedFailurePercentagePath,
        'ToleratedFailurePercentage',
        'float',
      );
      const batcher = raw.ItemBatcher as Record<string, unknown> | undefined;
      const maxItemsPerBatch = batcher
        ? compilePathNumber(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath, 'MaxItemsPerBatch')
        : undefined;
      const maxInputBytesPerBatch = batcher
        ? compilePathNumber(batcher.MaxInputBytesPerBatch, batcher.MaxInputBytesPerBatchPath, 'MaxInputBytesPerBatch')
        : undefined;
      const batchInput =
        batcher && batcher.BatchInput !== undefined ? compileTemplate(batcher.BatchInput as JsonValue) : undefined;
      const itemReader = raw.ItemReader as Record<string, unknown> | undefined;
      const readerArgs = compileOptTemplate(itemReader?.Parameters);
      const readerConfig = itemReader?.ReaderConfig as Record<string, unknown> | undefined;
      const maxItems = readerConfig
        ? compilePathNumber(readerConfig.MaxItems, readerConfig.MaxItemsPath, 'MaxItems')
        : undefined;
      const resultWriter = raw.ResultWriter as Record<string, unknown> | undefined;
      const writerArgs = compileOptTemplate(resultWriter?.Parameters);
      const label = typeof raw.Label === 'string' ? raw.Label : undefined;
      st.retriers = compileRetriers(raw);
      st.catchers = compileJsonPathCatchers(raw);
      st.exec = async (visit, rawInput) => {
        const eff = inp(visit, rawInput);
        let items: JsonValue | undefined;
        if (itemReader !== undefined) {
          const n = maxItems?.(visit, eff);
          const args = readerArgs?.(visit.scope(eff), visit.core);
          items = await readMapItems(visit, { config: evaluatedConfig(itemReader, args, n), maxItems: n }, eff);
        } else if (itemsGet) {
          const scope = visit.scope(eff);
          items = itemsGet(scope);
          if (items === undefined) {
            throw new StatesFailure(
              'States.Runtime',
              `Invalid path '${itemsPathText}' : ${explainMissing(itemsAst!, scope)}`,
            );
          }
        } else {
          items = eff;
        }
        if (!Array.isArray(items)) {
          throw new StatesFailure(
            'States.Runtime',
            `Map state input must be an array but was: ${JSON.stringify(items)}`,
          );
        }
        const config: MapConfig = {
          maxConcurrency: maxConc?.(visit, eff) ?? 0,
          toleratedFailureCount: tolCount?.(visit, eff),
          toleratedFailurePercentage: tolPct?.(visit, eff),
          maxItemsPerBatch: maxItemsPerBatch?.(visit, eff),
          maxInputBytesPerBatch: maxInputBytesPerBatch?.(visit, eff),
          resultWriter: resultWriter && evaluatedConfig(resultWriter, writerArgs?.(visit.scope(eff), visit.core)),
          batchInput: batchInput ? batchInput(visit.scope(eff), visit.core) : undefined,
          distributed,
          label,
        };
        checkMapConfig(config);
        const select = selector
          ? (item: JsonValue, index: number): JsonValue => {
              const ctx = copyObject(visit.contextObject());
              ctx.Map = { Item: { Index: index, Value: item } };
              return selector(new FixedScope(eff, ctx, visit.frame.vars), visit.core);
            }
          : undefined;
        const result = await runMap(visit, processor, items, select, config);
        const selected = resultSelector ? resultSelector(visit.scope(result), visit.core) : result;
        const assigned = assign?.(visit, selected);
        return { output: out(visit, resultPath(rawInput, selected)), next: st.next, assigned };
      };
      return st;
    }
    default:
      throw new Error(`internal: unknown state type ${String(type)}`);
  }
}
