/**
 * Expands every `{"Type": "TaskFn"}` state, at any depth, into a `Task` whose `Parameters` are
 * `{"Task": "<state name>", "Input.$": "$"}`.
 *
 * @remarks
 * Pure: returns a new value and never mutates its argument; a value with no `TaskFn` is returned as is
 * (same reference). Other fields of the state are kept. Only states inside `States` maps are expanded.
 *
 * @example
 * ```ts
 * expandTaskFn({ StartAt: 'Hello', States: { Hello: { Type: 'TaskFn', Resource: 'arn:...', End: true } } });
 * // States.Hello = { Type: 'Task', Resource: 'arn:...', End: true, Parameters: { Task: 'Hello', 'Input.$': '$' } }
 * ```
 */
export function expandTaskFn<T>(definition: T): T {
  return expandValue(definition, false) as T;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expandValue(value: unknown, isStatesMap: boolean): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = expandValue(item, false);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const child = value[key];
    let next: unknown;
    if (isStatesMap) {
      next = expandValue(child, false);
      if (isObject(next) && next.Type === 'TaskFn') {
        const { Parameters: _dropped, ...rest } = next;
        next = { ...rest, Type: 'Task', Parameters: { Task: key, 'Input.$': '$' } };
      }
    } else {
      next = expandValue(child, key === 'States');
    }
    if (next !== child) {
      copy ??= { ...value };
      copy[key] = next;
    }
  }
  return copy ?? value;
}
