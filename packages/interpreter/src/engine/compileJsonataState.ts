import type { JsonValue } from '@step/asl';
import { parseTimestamp } from '../choice/index.js';
import type { JsonataEvaluateOptions, JsonataEvaluator, JsonataScope } from '../jsonata/index.js';
import { StatesFailure } from '../StatesFailure.js';
import { PropagatedFailure } from './failures.js';
import { describeTask } from './invokeTask.js';
import { evaluatedConfig, readMapItems } from './readMapItems.js';
import { jsonata } from './loadJsonata.js';
import type { CompiledCatcher, CompiledState, Outcome, Program } from './model.js';
import { runMap } from './runMap.js';
import type { MapConfig } from './runMap.js';
import { runParallel } from './runParallel.js';
import { runTask } from './runTask.js';
import { checkMapConfig } from './states/map.js';
import { checkWaitDelay } from './states/wait.js';
import type { Visit } from './Visit.js';
import { baseState } from './baseState.js';
import { compileRetriers } from './compileRetriers.js';
import type { MutableState, RawState, StateCompiler } from './model.js';

type Ev<T> = JsonataEvaluator<T>;

function options(visit: Visit): JsonataEvaluateOptions {
  const core = visit.core;
  return { random: core.random, uuid: core.uuid, now: () => core.clock.now() };
}

function scopeOf(
  visit: Visit,
  input: JsonValue,
  extra?: { result?: JsonValue; errorOutput?: JsonValue },
): JsonataScope {
  // `context` is built only if an expression reads $states.context (it costs a timestamp formatting).
  const states: JsonataScope['states'] = {
    input,
    get context(): JsonValue {
      return visit.contextObject();
    },
  };
  if (extra?.result !== undefined) states.result = extra.result;
  if (extra?.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
  return { states, variables: visit.frame.vars };
}

async function run<T>(ev: Ev<T>, visit: Visit, scope: JsonataScope): Promise<T> {
  try {
    return await ev(scope, visit.state.name, visit.enteredEventId, options(visit));
  } catch (e) {
    if (e instanceof StatesFailure && e.error === 'States.QueryEvaluationError') {
      const location = (e as { location?: string }).location;
      visit.event('EvaluationFailed', { error: e.error, cause: e.failureCause, location, state: visit.state.name });
    }
    throw e;
  }
}

/**
 * JSONata state fields, compiled on first use (the JSONata module is loaded lazily).
 */
interface Fields {
  args?: Ev<JsonValue>;
  credentials?: Ev<JsonValue>;
  output?: Ev<JsonValue>;
  assign?: Ev<JsonValue>;
  timeout?: Ev<number>;
  heartbeat?: Ev<number>;
  seconds?: Ev<number>;
  timestamp?: Ev<string>;
  error?: Ev<string>;
  cause?: Ev<string>;
  items?: Ev<JsonValue[]>;
  itemSelector?: Ev<JsonValue>;
  maxConcurrency?: Ev<number>;
  tolCount?: Ev<number>;
  tolPct?: Ev<number>;
  maxItemsPerBatch?: Ev<number>;
  maxInputBytesPerBatch?: Ev<number>;
  batchInput?: Ev<JsonValue>;
  readerArgs?: Ev<JsonValue>;
  maxItems?: Ev<number>;
  writerArgs?: Ev<JsonValue>;
  rules?: { condition: Ev<boolean>; assign?: Ev<JsonValue>; output?: Ev<JsonValue>; nextName: string }[];
}

/**
 * Compiled evaluators by kind, field and source: JSONata parsing is by far the dearest step of running a JSONata
 * state, and tests compile the same definitions again and again. Evaluators are stateless, so sharing is safe.
 */
const EVALUATOR_CACHE = new Map<string, unknown>();
const EVALUATOR_CACHE_LIMIT = 5_000;

function cached<T>(kind: string, field: string, value: unknown, make: () => T): T {
  const key = `${kind}\u0000${field}\u0000${typeof value === 'string' ? value : JSON.stringify(value)}`;
  let ev = EVALUATOR_CACHE.get(key) as T | undefined;
  if (ev === undefined) {
    ev = make();
    if (EVALUATOR_CACHE.size >= EVALUATOR_CACHE_LIMIT) EVALUATOR_CACHE.clear();
    EVALUATOR_CACHE.set(key, ev);
  }
  return ev;
}

function compileFields(raw: RawState): Fields {
  const j = jsonata();
  const f: Fields = {};
  const tpl = (v: unknown, field: string): Ev<JsonValue> | undefined =>
    v === undefined ? undefined : cached('t', field, v, () => j.compileJsonataTemplate(v as JsonValue, field));
  const num = (v: unknown, field: string): Ev<number> | undefined =>
    v === undefined ? undefined : cached('n', field, v, () => j.compileJsonataNumber(v, field));
  f.args = tpl(raw.Arguments, 'Arguments');
  f.credentials = tpl(raw.Credentials, 'Credentials');
  f.output = tpl(raw.Output, 'Output');
  f.assign = tpl(raw.Assign, 'Assign');
  f.timeout = num(raw.TimeoutSeconds, 'TimeoutSeconds');
  f.heartbeat = num(raw.HeartbeatSeconds, 'HeartbeatSeconds');
  f.seconds = num(raw.Seconds, 'Seconds');
  f.timestamp = raw.Timestamp === undefined ? undefined : j.compileJsonataString(raw.Timestamp, 'Timestamp');
  f.error = raw.Error === undefined ? undefined : j.compileJsonataString(raw.Error, 'Error');
  f.cause = raw.Cause === undefined ? undefined : j.compileJsonataString(raw.Cause, 'Cause');
  if (raw.Type === 'Map') {
    f.items = j.compileJsonataItems(raw.Items);
    f.itemSelector = tpl(raw.ItemSelector, 'ItemSelector');
    f.maxConcurrency = num(raw.MaxConcurrency, 'MaxConcurrency');
    f.tolCount = num(raw.ToleratedFailureCount, 'ToleratedFailureCount');
    f.tolPct = num(raw.ToleratedFailurePercentage, 'ToleratedFailurePercentage');
    const reader = raw.ItemReader as Record<string, unknown> | undefined;
    f.readerArgs = tpl(reader?.Arguments, 'ItemReader/Arguments');
    f.maxItems = num(
      (reader?.ReaderConfig as Record<string, unknown> | undefined)?.MaxItems,
      'ItemReader/ReaderConfig/MaxItems',
    );
    f.writerArgs = tpl((raw.ResultWriter as Record<string, unknown> | undefined)?.Arguments, 'ResultWriter/Arguments');
    const b = raw.ItemBatcher as Record<string, unknown> | undefined;
    if (b) {
      f.maxItemsPerBatch = num(b.MaxItemsPerBatch, 'ItemBatcher/MaxItemsPerBatch');
      f.maxInputBytesPerBatch = num(b.MaxInputBytesPerBatch, 'ItemBatcher/MaxInputBytesPerBatch');
      f.batchInput = tpl(b.BatchInput, 'ItemBatcher/BatchInput');
    }
  }
  if (raw.Type === 'Choice') {
    f.rules = ((raw.Choices as Record<string, unknown>[] | undefined) ?? []).map((r) => ({
      condition: j.compileJsonataCondition(r.Condition as string | boolean, 'Condition'),
      assign: tpl(r.Assign, 'Assign'),
      output: tpl(r.Output, 'Output'),
      nextName: String(r.Next),
    }));
  }
  return f;
}

/** Assign and Output of a state, evaluated from the same snapshot. */
async function finish(
  visit: Visit,
  f: { assign?: Ev<JsonValue>; output?: Ev<JsonValue> },
  scope: JsonataScope,
  fallback: JsonValue,
): Promise<{ output: JsonValue; assigned: Record<string, JsonValue> | undefined }> {
  const [assigned, output] = await Promise.all([
    f.assign ? run(f.assign, visit, scope) : undefined,
    f.output ? run(f.output, visit, scope) : fallback,
  ]);
  return { output, assigned: assigned as Record<string, JsonValue> | undefined };
}

function compileCatchers(raw: RawState): CompiledCatcher[] {
  const list = (raw.Catch as Record<string, unknown>[] | undefined) ?? [];
  return list.map((c) => {
    let fields: { assign?: Ev<JsonValue>; output?: Ev<JsonValue> } | undefined;
    return {
      errorEquals: (c.ErrorEquals as string[]) ?? [],
      nextName: String(c.Next),
      next: undefined,
      async handle(visit: Visit, rawInput: JsonValue, errorOutput: JsonValue): Promise<Outcome> {
        if (!fields) {
          const j = jsonata();
          fields = {
            assign: c.Assign === undefined ? undefined : j.compileJsonataTemplate(c.Assign as JsonValue, 'Assign'),
            output: c.Output === undefined ? undefined : j.compileJsonataTemplate(c.Output as JsonValue, 'Output'),
          };
        }
        const r = await finish(visit, fields, scopeOf(visit, rawInput, { errorOutput }), errorOutput);
        return { output: r.output, next: undefined, assigned: r.assigned };
      },
    };
  });
}

/**
 * Compiles a JSONata state; its expressions are compiled on the first visit (after the JSONata module loaded).
 *
 * @example
 * ```ts
 * const state = compileJsonataState('P', { Type: 'Pass', Output: '{% $states.input %}', End: true }, child);
 * ```
 * @internal
 */
export function compileJsonataState(name: string, raw: RawState, compileChild: StateCompiler): MutableState {
  const st: MutableState = baseState(name, raw, true);
  let fields: Fields | undefined;
  const get = (): Fields => (fields ??= compileFields(raw));
  switch (raw.Type) {
    case 'Pass':
      st.exec = async (visit, input) => {
        const r = await finish(visit, get(), scopeOf(visit, input), input);
        return { output: r.output, next: st.next, assigned: r.assigned };
      };
      return st;
    case 'Succeed':
      st.exec = async (visit, input) => {
        const f = get();
        const output = f.output ? await run(f.output, visit, scopeOf(visit, input)) : input;
        return { output, next: undefined };
      };
      return st;
    case 'Fail':
      st.exec = async (visit, input) => {
        const f = get();
        const scope = scopeOf(visit, input);
        const error = f.error ? await run(f.error, visit, scope) : undefined;
        const cause = f.cause ? await run(f.cause, visit, scope) : undefined;
        throw new PropagatedFailure(error, cause);
      };
      return st;
    case 'Choice': {
      const defaultName = raw.Default as string | undefined;
      const targets = new Map<string, CompiledState>();
      st.link = (resolve) => {
        for (const r of (raw.Choices as { Next: string }[] | undefined) ?? []) targets.set(r.Next, resolve(r.Next));
        if (defaultName !== undefined) st.defaultState = resolve(defaultName);
      };
      st.exec = async (visit, input) => {
        const f = get();
        const scope = scopeOf(visit, input);
        for (const rule of f.rules ?? []) {
          if (await run(rule.condition, visit, scope)) {
            const r = await finish(visit, { assign: f.assign, output: rule.output ?? f.output }, scope, input);
            let assigned = r.assigned;
            if (rule.assign)
              assigned = { ...assigned, ...((await run(rule.assign, visit, scope)) as Record<string, JsonValue>) };
            return { output: r.output, next: targets.get(rule.nextName), assigned };
          }
        }
        if (st.defaultState === undefined) throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
        const r = await finish(visit, f, scope, input);
        return { output: r.output, next: st.defaultState, assigned: r.assigned };
      };
      return st;
    }
    case 'Wait':
      st.exec = async (visit, input) => {
        const f = get();
        const scope = scopeOf(visit, input);
        let ms = 0;
        if (f.seconds) {
          ms = (await run(f.seconds, visit, scope)) * 1000;
        } else if (f.timestamp) {
          const text = await run(f.timestamp, visit, scope);
          const at = parseTimestamp(text);
          if (at === undefined) {
            throw new StatesFailure(
              'States.QueryEvaluationError',
              `${visit.causePrefix()}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
            );
          }
          ms = at - visit.core.clock.now();
        }
        checkWaitDelay(ms);
        const r = await finish(visit, f, scope, input);
        if (ms > 0) await visit.core.clock.sleep(ms, visit.frame.signal);
        return { output: r.output, next: st.next, assigned: r.assigned };
      };
      return st;
    case 'Task': {
      const spec = describeTask(name, String(raw.Resource), raw.Arguments);
      st.retriers = compileRetriers(raw);
      st.catchers = compileCatchers(raw);
      st.needsToken = spec.waitForTaskToken || spec.activity;
      st.exec = async (visit, input) => {
        const f = get();
        const scope = scopeOf(visit, input);
        const args = f.args ? await run(f.args, visit, scope) : input;
        const t = f.timeout ? await run(f.timeout, visit, scope) : undefined;
        const h = f.heartbeat ? await run(f.heartbeat, visit, scope) : undefined;
        const creds = f.credentials ? await run(f.credentials, visit, scope) : undefined;
        const result = await runTask(visit, spec, args, t, h, creds);
        const r = await finish(visit, f, scopeOf(visit, input, { result }), result);
        return { output: r.output, next: st.next, assigned: r.assigned };
      };
      return st;
    }
    case 'Parallel': {
      const branches: Program[] = ((raw.Branches as RawState[] | undefined) ?? []).map((b) => compileChild(b));
      st.retriers = compileRetriers(raw);
      st.catchers = compileCatchers(raw);
      st.exec = async (visit, input) => {
        const f = get();
        const args = f.args ? await run(f.args, visit, scopeOf(visit, input)) : input;
        const result = await runParallel(visit, branches, args);
        const r = await finish(visit, f, scopeOf(visit, input, { result }), result);
        return { output: r.output, next: st.next, assigned: r.assigned };
      };
      return st;
    }
    case 'Map': {
      const processorRaw = (raw.ItemProcessor ?? raw.Iterator) as RawState;
      const processor = compileChild(processorRaw);
      const distributed = (processorRaw.ProcessorConfig as { Mode?: string } | undefined)?.Mode === 'DISTRIBUTED';
      const itemReader = raw.ItemReader as Record<string, unknown> | undefined;
      const resultWriter = raw.ResultWriter as Record<string, unknown> | undefined;
      const label = typeof raw.Label === 'string' ? raw.Label : undefined;
      st.retriers = compileRetriers(raw);
      st.catchers = compileCatchers(raw);
      st.exec = async (visit, input) => {
        const f = get();
        const scope = scopeOf(visit, input);
        let items: JsonValue[];
        if (itemReader !== undefined) {
          const n = f.maxItems ? await run(f.maxItems, visit, scope) : undefined;
          const args = f.readerArgs ? await run(f.readerArgs, visit, scope) : undefined;
          items = await readMapItems(visit, { config: evaluatedConfig(itemReader, args, n), maxItems: n }, input);
        } else {
          items = await run(f.items!, visit, scope);
        }
        const maxConcurrency = f.maxConcurrency ? await run(f.maxConcurrency, visit, scope) : 0;
        const tolCount = f.tolCount ? await run(f.tolCount, visit, scope) : undefined;
        const tolPct = f.tolPct ? await run(f.tolPct, visit, scope) : undefined;
        const maxItemsPerBatch = f.maxItemsPerBatch ? await run(f.maxItemsPerBatch, visit, scope) : undefined;
        const maxInputBytesPerBatch = f.maxInputBytesPerBatch
          ? await run(f.maxInputBytesPerBatch, visit, scope)
          : undefined;
        const batchInput = f.batchInput ? await run(f.batchInput, visit, scope) : undefined;
        const sel = f.itemSelector;
        const select = sel
          ? (item: JsonValue, index: number): Promise<JsonValue> => {
              const ctx = { ...visit.contextObject(), Map: { Item: { Index: index, Value: item } } };
              return run(sel, visit, { states: { input, context: ctx }, variables: visit.frame.vars });
            }
          : undefined;
        const config: MapConfig = {
          maxConcurrency,
          toleratedFailureCount: tolCount,
          toleratedFailurePercentage: tolPct,
          maxItemsPerBatch,
          maxInputBytesPerBatch,
          resultWriter:
            resultWriter &&
            evaluatedConfig(resultWriter, f.writerArgs ? await run(f.writerArgs, visit, scope) : undefined),
          batchInput,
          distributed,
          label,
        };
        checkMapConfig(config);
        const result = await runMap(visit, processor, items, select, config);
        const r = await finish(visit, f, scopeOf(visit, input, { result }), result);
        return { output: r.output, next: st.next, assigned: r.assigned };
      };
      return st;
    }
    default:
      throw new Error(`internal: unknown state type ${String(raw.Type)}`);
  }
}
