import type { IntrinsicArgument, IntrinsicCall, JsonValue } from '@step/asl';
import type { EvalScope, PathCompiler } from '../evalScope.js';
import { StatesFailure } from '../StatesFailure.js';
import { intrinsicFailure } from './intrinsicFailure.js';
import { fillFormatTemplate, INTRINSIC_FUNCTIONS, splitFormatTemplate } from './intrinsicFunctions.js';

/**
 * A compiled intrinsic call: evaluates against a scope, with the execution's random source and UUID generator.
 * @internal
 */
export type IntrinsicEvaluator = (scope: EvalScope, random: () => number, uuid: () => string) => JsonValue;

function describeArity(min: number, max: number): string {
  const plural = (n: number): string => (n === 1 ? 'argument' : 'arguments');
  if (max === 0) return 'no arguments';
  if (min === max) return `${min} ${plural(min)}`;
  if (max === Infinity) return `at least ${min} ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

function compileArgument(argument: IntrinsicArgument, compilePath: PathCompiler, field: string): IntrinsicEvaluator {
  switch (argument.kind) {
    case 'string':
    case 'number':
    case 'boolean': {
      const value = argument.value;
      return () => value;
    }
    case 'null':
      return () => null;
    case 'call':
      return compileIntrinsic(argument.call, compilePath, field);
    case 'path': {
      const get = compilePath(argument.path);
      const source = argument.path.source;
      return (scope) => {
        const value = get(scope);
        if (value === undefined) {
          throw new StatesFailure(
            'States.Runtime',
            `The JSONPath '${source}' specified for the field '${field}' could not be found in the input '${JSON.stringify(scope.input)}'`,
          );
        }
        return value;
      };
    }
  }
}

/**
 * Compiles a parsed intrinsic function call (`States.Format(...)` etc.) into a fast evaluator.
 *
 * @remarks
 * Paths and nested calls are compiled once, here. At run time a bad argument throws a `StatesFailure` named
 * `States.IntrinsicFailure`; a path argument that selects nothing throws `States.Runtime` with AWS's text
 * "The JSONPath '<path>' specified for the field '<field>' could not be found in the input '<input>'".
 * An unknown function or a wrong argument count also fails with `States.IntrinsicFailure`, when evaluated
 * (validation normally rejects both before any run).
 *
 * @param call - the call as parsed by `parseIntrinsic` from `@step/asl`
 * @param compilePath - the engine's JSONPath compiler, used for path arguments
 * @param field - the field holding the call, e.g. `'value.$'`, quoted in `States.Runtime` causes
 * @returns `(scope, random, uuid) => value`; `random` feeds `States.MathRandom` without a seed, `uuid` feeds `States.UUID`
 */
export function compileIntrinsic(call: IntrinsicCall, compilePath: PathCompiler, field: string): IntrinsicEvaluator {
  const name = call.name;
  const fn = INTRINSIC_FUNCTIONS.get(name);
  if (fn === undefined) {
    const cause = `The function '${name}' is not a known intrinsic function.`;
    return () => {
      throw intrinsicFailure(cause);
    };
  }
  const count = call.args.length;
  if (count < fn.minArgs || count > fn.maxArgs) {
    const cause = `The function '${name}' expects ${describeArity(fn.minArgs, fn.maxArgs)} but was given ${count}.`;
    return () => {
      throw intrinsicFailure(cause);
    };
  }
  const args = call.args.map((a) => compileArgument(a, compilePath, field));
  const template = call.args[0];
  if (name === 'States.Format' && template?.kind === 'string') {
    // A literal template is split once; only the values are evaluated per call.
    const parts =
      template.raw === undefined ? splitFormatTemplate(template.value) : splitFormatTemplate(template.raw, true);
    const valueArgs = args.slice(1);
    const valueCount = valueArgs.length;
    return (scope, random, uuid) => {
      const values: JsonValue[] = [];
      for (let i = 0; i < valueCount; i++) values.push((valueArgs[i] as IntrinsicEvaluator)(scope, random, uuid));
      return fillFormatTemplate(parts, values);
    };
  }
  const apply = fn.apply;
  switch (count) {
    case 0:
      return (_scope, random, uuid) => apply([], random, uuid);
    case 1: {
      const a0 = args[0] as IntrinsicEvaluator;
      return (scope, random, uuid) => apply([a0(scope, random, uuid)], random, uuid);
    }
    case 2: {
      const a0 = args[0] as IntrinsicEvaluator;
      const a1 = args[1] as IntrinsicEvaluator;
      return (scope, random, uuid) => apply([a0(scope, random, uuid), a1(scope, random, uuid)], random, uuid);
    }
    default:
      return (scope, random, uuid) => {
        const values = new Array<JsonValue>(count);
        for (let i = 0; i < count; i++) values[i] = (args[i] as IntrinsicEvaluator)(scope, random, uuid);
        return apply(values, random, uuid);
      };
  }
}
