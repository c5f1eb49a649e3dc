import { INTRINSIC_FUNCTIONS } from '../../intrinsics/intrinsicFunctions.js';
import type { IntrinsicArgument, IntrinsicCall } from '../../intrinsics/types.js';

/**
 * What validation needs to know about one parsed intrinsic call.
 * @internal
 */
export interface IntrinsicFacts {
  /** The first literal argument of the wrong type (or unknown function), if any. */
  problem: string | undefined;
  /** Variables read by the call's path arguments, in order. */
  variables: readonly string[];
}

/** Keyed by the call object, which `parseIntrinsic` caches by text: each text is checked once. */
const intrinsicFactsCache = new WeakMap<IntrinsicCall, IntrinsicFacts>();

/**
 * Intrinsic argument rule (`SCHEMA_VALIDATION_FAILED`): every literal argument of a call, and of the calls
 * nested in it, has the type the function's table entry asks for (`States.MathAdd('a', 1)` is rejected);
 * also collects the variables the call reads. Arity is checked by `parseIntrinsic`.
 *
 * @remarks
 * Path arguments and nested calls are not typed: their values are known only at run time.
 * @internal
 */
export function getIntrinsicFacts(call: IntrinsicCall): IntrinsicFacts {
  let facts = intrinsicFactsCache.get(call);
  if (facts === undefined) {
    const variables: string[] = [];
    collectIntrinsicVariables(call, variables);
    facts = { problem: checkIntrinsicTypes(call), variables };
    intrinsicFactsCache.set(call, facts);
  }
  return facts;
}

function collectIntrinsicVariables(call: IntrinsicCall, out: string[]): void {
  for (const a of call.args) {
    if (a.kind === 'path' && a.path.root.kind === 'variable') out.push(a.path.root.name);
    else if (a.kind === 'call') collectIntrinsicVariables(a.call, out);
  }
}

/** Checks the literal arguments of a call (and nested calls) against the function table. */
function checkIntrinsicTypes(call: IntrinsicCall): string | undefined {
  const spec = INTRINSIC_FUNCTIONS[call.name];
  if (spec === undefined) return `unknown intrinsic function '${call.name}'`;
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i] as IntrinsicArgument;
    if (arg.kind === 'call') {
      const inner = checkIntrinsicTypes(arg.call);
      if (inner !== undefined) return inner;
      continue;
    }
    if (arg.kind === 'path') continue;
    const expected = spec.args[i] ?? spec.rest ?? 'any';
    if (!literalMatches(arg, expected)) {
      return `argument ${i + 1} of ${call.name} must be ${expected === 'array' || expected === 'object' ? `a path or a call giving an ${expected}` : `a ${expected}`}`;
    }
  }
  return undefined;
}

function literalMatches(arg: IntrinsicArgument, expected: string): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'string':
      return arg.kind === 'string';
    case 'number':
      return arg.kind === 'number';
    case 'integer':
      return arg.kind === 'number' && Number.isInteger(arg.value);
    case 'boolean':
      return arg.kind === 'boolean';
    default:
      return false;
  }
}
