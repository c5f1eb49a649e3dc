import type { ChoiceRule, JsonataChoiceRule, JsonValue, State, WaitState } from '@step/asl';
import { parseTimestamp } from '../../choice/index.js';
import type { JsonataEvaluateOptions, JsonataEvaluator, JsonataScope } from '../../jsonata/index.js';
import { StatesFailure } from '../../StatesFailure.js';
import { jsonata } from '../loadJsonata.js';
import type { CompiledCatcher, Outcome } from '../model.js';
import type { FieldReader, Finish, StateFields, FinishKind, Read } from '../states/FieldReader.js';
import type { Visit } from '../Visit.js';

type Ev<T> = JsonataEvaluator<T>;
type Fields = Record<string, unknown>;

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

/** Runs an evaluator; a `States.QueryEvaluationError` is recorded as an `EvaluationFailed` event first. */
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

/**
 * An evaluator compiled on first use: the JSONata module is loaded lazily (before the first JSONata state runs), so
 * nothing can be compiled while the definition is.
 */
function lazy<T>(make: () => Ev<T>): () => Ev<T> {
  let ev: Ev<T> | undefined;
  return () => (ev ??= make());
}

function templateEv(value: unknown, field: string): (() => Ev<JsonValue>) | undefined {
  if (value === undefined) return undefined;
  return lazy(() => cached('t', field, value, () => jsonata().compileJsonataTemplate(value as JsonValue, field)));
}

function numberEv(value: unknown, field: string): (() => Ev<number>) | undefined {
  if (value === undefined) return undefined;
  return lazy(() => cached('n', field, value, () => jsonata().compileJsonataNumber(value, field)));
}

/**
 * The last plain scope built, by visit and input: the reads of one visit (a Choice's conditions, then its Assign and
 * Output) share one scope, as building one costs an accessor. Evaluators never change a scope.
 */
let lastVisit: Visit | undefined;
let lastInput: JsonValue | undefined;
let lastScope: JsonataScope | undefined;

function plainScope(visit: Visit, input: JsonValue): JsonataScope {
  if (lastScope !== undefined && lastVisit === visit && lastInput === input) return lastScope;
  lastScope = scopeOf(visit, input);
  lastVisit = visit;
  lastInput = input;
  return lastScope;
}

function reading<T>(get: () => Ev<T>): Read<T> {
  return (visit, input) => run(get(), visit, plainScope(visit, input));
}

/** Assign and Output evaluated from the same snapshot (`fallback` when there is no Output). */
async function finishWith(
  visit: Visit,
  assign: (() => Ev<JsonValue>) | undefined,
  output: (() => Ev<JsonValue>) | undefined,
  scope: JsonataScope,
  fallback: JsonValue,
): Promise<{ output: JsonValue; assigned: Record<string, JsonValue> | undefined }> {
  const [assigned, out] = await Promise.all([
    assign ? run(assign(), visit, scope) : undefined,
    output ? run(output(), visit, scope) : fallback,
  ]);
  return { output: out, assigned: assigned as Record<string, JsonValue> | undefined };
}

/**
 * The JSONata {@link FieldReader}: `Arguments`, `Output`, `Assign`, `Items`, `Condition` and numbers as JSONata
 * expressions over `$states`; there are no paths (the effective input is the raw input). Every read is a promise.
 *
 * @example
 * ```ts
 * const seconds = jsonataReader.waitSeconds({ Type: 'Wait', Seconds: '{% $states.input.n %}', End: true });
 * await seconds!(visit, { n: 5 }); // 5
 * ```
 * @internal
 */
export const jsonataReader: FieldReader = {
  jsonata: true,

  input() {
    return (_visit, raw) => raw;
  },

  argumentsOf(holder) {
    return (holder as Fields).Arguments;
  },

  arguments(holder, where) {
    return this.template((holder as Fields).Arguments, where === undefined ? 'Arguments' : `${where}/Arguments`);
  },

  template(value, field) {
    const get = templateEv(value, field);
    return get && reading(get);
  },

  number(holder, field, _kind, where) {
    const get = numberEv((holder as Fields)[field], where === undefined ? field : `${where}/${field}`);
    return get && reading(get);
  },

  text(holder, field) {
    const value = (holder as Fields)[field];
    if (value === undefined) return () => undefined;
    return reading(lazy(() => jsonata().compileJsonataString(value, field)));
  },

  waitSeconds(state: WaitState) {
    const get = numberEv(state.Seconds, 'Seconds');
    return get && reading(get);
  },

  waitTimestamp(state: WaitState) {
    const value = state.Timestamp;
    if (value === undefined) return undefined;
    const get = lazy(() => jsonata().compileJsonataString(value, 'Timestamp'));
    return async (visit, input) => {
      const text = await run(get(), visit, plainScope(visit, input));
      const at = parseTimestamp(text);
      if (at === undefined) {
        throw new StatesFailure(
          'States.QueryEvaluationError',
          `${visit.causePrefix()}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
        );
      }
      return at;
    };
  },

  items(state) {
    const value = state.Items;
    return reading(lazy(() => jsonata().compileJsonataItems(value)));
  },

  itemSelector(state) {
    const get = templateEv(state.ItemSelector, 'ItemSelector');
    if (get === undefined) return undefined;
    return (visit, input, item, index) => {
      const ctx = { ...visit.contextObject(), Map: { Item: { Index: index, Value: item } } };
      return run(get(), visit, { states: { input, context: ctx }, variables: visit.frame.vars });
    };
  },

  condition(rule: ChoiceRule) {
    const value = (rule as JsonataChoiceRule).Condition;
    return reading(lazy(() => jsonata().compileJsonataCondition(value, 'Condition')));
  },

  finish(state: State, kind: FinishKind, rule?: ChoiceRule): Finish {
    const f = state as StateFields;
    const assign = templateEv(f.Assign, 'Assign');
    if (rule !== undefined) {
      const r = rule as JsonataChoiceRule;
      const output = templateEv(r.Output, 'Output') ?? templateEv(f.Output, 'Output');
      const ruleAssign = templateEv(r.Assign, 'Assign');
      return async (visit, raw, _effective, _result, next): Promise<Outcome> => {
        const scope = plainScope(visit, raw);
        const o = await finishWith(visit, assign, output, scope, raw);
        let assigned = o.assigned;
        if (ruleAssign) {
          assigned = { ...assigned, ...((await run(ruleAssign(), visit, scope)) as Record<string, JsonValue>) };
        }
        return { output: o.output, next, assigned };
      };
    }
    const output = templateEv(f.Output, 'Output');
    const withResult = kind === 'result';
    return async (visit, raw, _effective, result, next): Promise<Outcome> => {
      const scope = withResult ? scopeOf(visit, raw, { result }) : plainScope(visit, raw);
      const o = await finishWith(visit, assign, output, scope, withResult ? result : raw);
      return { output: o.output, next, assigned: o.assigned };
    };
  },

  catchers(state) {
    const list = (state as StateFields).Catch ?? [];
    return list.map((c): CompiledCatcher => {
      const assign = templateEv(c.Assign, 'Assign');
      const output = templateEv(c.Output, 'Output');
      return {
        errorEquals: c.ErrorEquals ?? [],
        nextName: String(c.Next),
        next: undefined,
        async handle(visit: Visit, rawInput: JsonValue, errorOutput: JsonValue): Promise<Outcome> {
          const o = await finishWith(visit, assign, output, scopeOf(visit, rawInput, { errorOutput }), errorOutput);
          return { output: o.output, next: undefined, assigned: o.assigned };
        },
      };
    });
  },
};
