/**
 * The `Resource` a `TaskFn` state gets when it declares none: the Go original's Lambda ARN template, filled in
 * at deploy time.
 *
 * @example
 * ```ts
 * TASKFN_RESOURCE_TEMPLATE.replace('{{lambda_name}}', 'hello');
 * ```
 */
export const TASKFN_RESOURCE_TEMPLATE = 'arn:aws:lambda:{{aws_region}}:{{aws_account}}:function:{{lambda_name}}';

/**
 * Expands every `{"Type": "TaskFn"}` state, at any depth, into a `Task` whose `Parameters` are
 * `{"Task": "<state name>", "Input.$": "$"}`.
 *
 * @remarks
 * Pure: returns a new value and never mutates its argument; a value with no `TaskFn` is returned as is
 * (same reference). Other fields of the state are kept (a `Parameters` it had is replaced); a state without
 * `Resource` gets {@link TASKFN_RESOURCE_TEMPLATE}. States are found
 * through the structure of the language: the machine's `States`, every Parallel branch and every Map
 * `ItemProcessor`/`Iterator`, at any nesting depth.
 *
 * @example
 * ```ts
 * expandTaskFn({ StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', Resource: 'arn:...', End: true } } });
 * // States.Hello = { Type: 'Task', Resource: 'arn:...', End: true, Parameters: { Task: 'Hello', 'Input.$': '$' } }
 * ```
 */
export function expandTaskFn<T>(definition: T): T {
  return expandScope(definition, undefined) as T;
}

/**
 * {@link expandTaskFn}, also recording in `stateNames` the keys of every `States` object of the result it
 * enumerated, so that `validate()` does not enumerate them a second time (a large `States` object is in
 * dictionary mode, where each enumeration rebuilds and sorts its key list).
 * @internal
 */
export function expandTaskFnRecordingNames<T>(definition: T, stateNames: Map<object, readonly string[]>): T {
  return expandScope(definition, stateNames) as T;
}

type StateNames = Map<object, readonly string[]> | undefined;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Expands the states of a scope (machine, branch or processor); same reference when nothing changes. */
function expandScope(scope: unknown, stateNames: StateNames): unknown {
  if (!isObject(scope)) return scope;
  const states = scope.States;
  if (!isObject(states)) return scope;
  let copy: Obj | undefined;
  const names = Object.keys(states);
  for (const name of names) {
    const state = states[name];
    const next = expandState(state, name, stateNames);
    if (next !== state) {
      copy ??= { ...states };
      copy[name] = next;
    }
  }
  // The copy has the same keys in the same order: spreading keeps the order and expanding only replaces values.
  stateNames?.set(copy ?? states, names);
  return copy === undefined ? scope : { ...scope, States: copy };
}

const PROCESSOR_KEYS = ['ItemProcessor', 'Iterator'] as const;

function expandState(state: unknown, name: string, stateNames: StateNames): unknown {
  if (!isObject(state)) return state;
  let out = state;
  if (state.Type === 'TaskFn') {
    out = { ...state, Type: 'Task', Parameters: { Task: name, 'Input.$': '$' } };
    if (out.Resource === undefined) out.Resource = TASKFN_RESOURCE_TEMPLATE;
  }
  const branches = state.Branches;
  if (Array.isArray(branches)) {
    let changed: unknown[] | undefined;
    for (let i = 0; i < branches.length; i++) {
      const b: unknown = branches[i];
      const nb = expandScope(b, stateNames);
      if (nb !== b) {
        changed ??= branches.slice();
        changed[i] = nb;
      }
    }
    if (changed !== undefined) out = { ...out, Branches: changed };
  }
  for (const key of PROCESSOR_KEYS) {
    const proc = state[key];
    if (proc === undefined) continue;
    const np = expandScope(proc, stateNames);
    if (np !== proc) out = { ...out, [key]: np };
  }
  return out;
}
