import type { Diagnostic } from '../diagnostic.js';
import { encodePointerToken } from '../pointer.js';
import { closestName } from '../validate/closestName.js';
import type { StackEnvironment } from './fakeResourceValue.js';
import { fakeResourceValue } from './fakeResourceValue.js';

/**
 * What {@link evaluateIntrinsics} resolves references against, and where it reports what it cannot resolve.
 *
 * @example
 * ```ts
 * const diagnostics: Diagnostic[] = [];
 * const context: IntrinsicContext = {
 *   template: { Resources: {} },
 *   env: { region: 'us-east-1', accountId: '123456789012', partition: 'aws', stackName: 'local' },
 *   parameters: {},
 *   report: (d) => diagnostics.push(d),
 * };
 * ```
 */
export interface IntrinsicContext {
  /** The whole template (its `Parameters`, `Mappings`, `Conditions` and `Resources` are read). */
  template: unknown;
  env: StackEnvironment;
  /** Values of template parameters, overriding their `Default`. */
  parameters: Readonly<Record<string, string>>;
  /** Receives every diagnostic, with a JSON pointer into the template. */
  report: (diagnostic: Diagnostic) => void;
}

/** What `Ref: AWS::NoValue` evaluates to: the property or item is removed. */
const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** The Fn:: functions evaluated locally (Fn::Cidr, Fn::Transform and Fn::ForEach are not). */
const FUNCTIONS = [
  'Fn::Base64',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Not',
  'Fn::And',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
];

/**
 * Evaluate the CloudFormation intrinsic functions in `value` (found at `pointer` in the template) as far as they can be
 * resolved on this machine.
 *
 * @remarks
 * Pure. `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::If` (with the template's
 * `Conditions`), `Fn::FindInMap`, `Fn::Base64`, `Fn::GetAZs`, `Fn::Length`, `Fn::ToJsonString` and the pseudo
 * parameters are evaluated. A resource stands in as the stable fake value of {@link fakeResourceValue}; a parameter
 * takes the given value, else its `Default`. `Fn::ImportValue` evaluates to the export name with a warning. What
 * cannot be resolved is reported (never thrown) with a pointer to it, and evaluates to `null`.
 *
 * @example
 * ```ts
 * const value = evaluateIntrinsics({ 'Fn::Sub': 'arn:aws:sns:${AWS::Region}:${AWS::AccountId}:topic' }, '', context);
 * // 'arn:aws:sns:us-east-1:123456789012:topic'
 * ```
 */
export function evaluateIntrinsics(value: unknown, pointer: string, context: IntrinsicContext): unknown {
  const out = evaluate(value, pointer, context);
  return out === NO_VALUE ? null : out;
}

function evaluate(value: unknown, pointer: string, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) => evaluate(item, `${pointer}/${i}`, ctx)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  if (only === 'Ref' || only === 'Condition' || (only !== undefined && only.startsWith('Fn::'))) {
    return call(only, (value as Record<string, unknown>)[only], `${pointer}/${encodePointerToken(only)}`, ctx);
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = evaluate((value as Record<string, unknown>)[key], `${pointer}/${encodePointerToken(key)}`, ctx);
    if (child !== NO_VALUE)
      Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function report(
  ctx: IntrinsicContext,
  code: string,
  pointer: string,
  message: string | { message: string; params: Record<string, unknown> },
  severity: Diagnostic['severity'] = 'error',
): null {
  ctx.report(
    typeof message === 'string'
      ? { code, severity, path: pointer, message }
      : { code, severity, path: pointer, ...message },
  );
  return null;
}

function section(ctx: IntrinsicContext, name: string): Record<string, unknown> {
  const value = (ctx.template as Record<string, unknown> | null)?.[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function call(fn: string, arg: unknown, at: string, ctx: IntrinsicContext): unknown {
  const bad = (shape: string): null => report(ctx, 'INVALID_INTRINSIC', at, `${fn} takes ${shape}`);
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string'
        ? ref(arg, at, ctx)
        : bad('the name of a parameter, a resource or a pseudo parameter');
    case 'Condition':
      return typeof arg === 'string' ? condition(arg, at, ctx) : bad('the name of a condition');
    case 'Fn::GetAtt': {
      const parts =
        typeof arg === 'string'
          ? splitOnce(arg)
          : Array.isArray(arg)
            ? arg.map((a, i) => evaluate(a, `${at}/${i}`, ctx))
            : [];
      const [logicalId, attribute] = parts;
      if (parts.length !== 2 || typeof logicalId !== 'string' || typeof attribute !== 'string') {
        return bad('["LogicalId", "Attribute"]');
      }
      return getAtt(logicalId, attribute, at, ctx);
    }
    case 'Fn::Sub':
      return sub(arg, at, ctx);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string')
        return bad('["delimiter", [values...]]');
      const list = evaluate(arg[1], `${at}/1`, ctx);
      if (!Array.isArray(list)) return bad('["delimiter", [values...]]');
      return list.map((item, i) => toText(item, `${at}/1/${i}`, ctx)).join(arg[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) return bad('[index, [values...]]');
      const index = Number(evaluate(arg[0], `${at}/0`, ctx));
      const list = evaluate(arg[1], `${at}/1`, ctx);
      if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
        return bad('[index, [values...]] with an index inside the list');
      }
      return list[index] as unknown;
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return bad('["delimiter", "text"]');
      const text = evaluate(arg[1], `${at}/1`, ctx);
      return typeof text === 'string' ? text.split(arg[0]) : bad('["delimiter", "text"]');
    }
    case 'Fn::Base64': {
      const text = evaluate(arg, at, ctx);
      return typeof text === 'string' ? Buffer.from(text, 'utf8').toString('base64') : bad('a string');
    }
    case 'Fn::GetAZs':
      return ['a', 'b', 'c'].map((zone) => `${ctx.env.region}${zone}`);
    case 'Fn::Length': {
      const list = evaluate(arg, at, ctx);
      return Array.isArray(list) ? list.length : bad('a list');
    }
    case 'Fn::ToJsonString':
      return JSON.stringify(evaluate(arg, at, ctx));
    case 'Fn::ImportValue': {
      const name = evaluate(arg, at, ctx);
      if (typeof name !== 'string') return bad('the name of an export');
      report(
        ctx,
        'UNRESOLVED_IMPORT',
        at,
        `Fn::ImportValue "${name}" names another stack's export, which cannot be read locally; it stands in as "${name}"`,
        'warning',
      );
      return name;
    }
    case 'Fn::FindInMap':
      return findInMap(arg, at, ctx);
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string')
        return bad('["ConditionName", valueIfTrue, valueIfFalse]');
      return condition(arg[0], `${at}/0`, ctx) ? evaluate(arg[1], `${at}/1`, ctx) : evaluate(arg[2], `${at}/2`, ctx);
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return bad('[value, value]');
      return JSON.stringify(evaluate(arg[0], `${at}/0`, ctx)) === JSON.stringify(evaluate(arg[1], `${at}/1`, ctx));
    }
    case 'Fn::Not':
      return Array.isArray(arg) && arg.length === 1 ? !truthy(evaluate(arg[0], `${at}/0`, ctx)) : bad('[condition]');
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(arg) || arg.length < 2) return bad('[condition, condition, ...]');
      const values = arg.map((a, i) => truthy(evaluate(a, `${at}/${i}`, ctx)));
      return fn === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
    }
    default:
      return report(
        ctx,
        'UNSUPPORTED_INTRINSIC',
        at,
        `${fn} cannot be evaluated locally (supported: Ref, Condition, ${FUNCTIONS.join(', ')}); write the value it stands for instead`,
      );
  }
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true';
}

function splitOnce(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** The recursion guards are kept per template, so that the quiet copies of a context share them. */
function guardKey(ctx: IntrinsicContext): object {
  return typeof ctx.template === 'object' && ctx.template !== null ? ctx.template : ctx;
}

/** Conditions being evaluated (guards against a condition that refers to itself). */
const evaluating = new WeakMap<object, Set<string>>();

function condition(name: string, at: string, ctx: IntrinsicContext): boolean {
  const conditions = section(ctx, 'Conditions');
  if (!Object.hasOwn(conditions, name)) {
    report(ctx, 'UNRESOLVED_REFERENCE', at, unknownName('condition', name, Object.keys(conditions), 'Conditions'));
    return false;
  }
  const busy = evaluating.get(guardKey(ctx)) ?? new Set<string>();
  evaluating.set(guardKey(ctx), busy);
  if (busy.has(name)) {
    report(ctx, 'INVALID_INTRINSIC', at, `condition "${name}" refers to itself`);
    return false;
  }
  busy.add(name);
  try {
    return truthy(evaluate(conditions[name], `/Conditions/${encodePointerToken(name)}`, ctx));
  } finally {
    busy.delete(name);
  }
}

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

function ref(name: string, at: string, ctx: IntrinsicContext): unknown {
  const { env } = ctx;
  switch (name) {
    case 'AWS::Region':
      return env.region;
    case 'AWS::AccountId':
      return env.accountId;
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::StackName':
      return env.stackName;
    case 'AWS::StackId':
      return `arn:${env.partition}:cloudformation:${env.region}:${env.accountId}:stack/${env.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::URLSuffix':
      return env.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
  }
  const parameters = section(ctx, 'Parameters');
  if (Object.hasOwn(parameters, name)) return parameter(name, parameters[name], at, ctx);
  const resources = section(ctx, 'Resources');
  if (Object.hasOwn(resources, name))
    return fakeResourceValue(name, resources[name], undefined, env, nameResolver(name, ctx));
  return report(
    ctx,
    'UNRESOLVED_REFERENCE',
    at,
    unknownName(
      'parameter or resource',
      name,
      [...Object.keys(parameters), ...Object.keys(resources), ...PSEUDO_PARAMETERS],
      'Parameters or Resources',
    ),
  );
}

function parameter(name: string, declaration: unknown, at: string, ctx: IntrinsicContext): unknown {
  const given = Object.hasOwn(ctx.parameters, name) ? ctx.parameters[name] : undefined;
  const fallback = (declaration as { Default?: unknown } | null)?.Default;
  const value =
    given ?? (fallback === undefined ? undefined : typeof fallback === 'string' ? fallback : JSON.stringify(fallback));
  if (value === undefined) {
    return report(
      ctx,
      'UNRESOLVED_PARAMETER',
      at,
      `parameter "${name}" has no Default; give it a value (step-cli: --parameter ${name}=VALUE; API: parameters: { ${name}: '...' })`,
    );
  }
  const type = (declaration as { Type?: unknown } | null)?.Type;
  return typeof type === 'string' && (type === 'CommaDelimitedList' || type.startsWith('List<'))
    ? value.split(',').map((v) => v.trim())
    : value;
}

function getAtt(logicalId: string, attribute: string, at: string, ctx: IntrinsicContext): unknown {
  const resources = section(ctx, 'Resources');
  if (!Object.hasOwn(resources, logicalId)) {
    return report(
      ctx,
      'UNRESOLVED_REFERENCE',
      at,
      unknownName('resource', logicalId, Object.keys(resources), 'Resources'),
    );
  }
  return fakeResourceValue(logicalId, resources[logicalId], attribute, ctx.env, nameResolver(logicalId, ctx));
}

/** Resources whose name property is being evaluated (a name that refers to its own resource falls back to the logical id). */
const naming = new WeakMap<object, Set<string>>();

/** Evaluates a resource's name property quietly: a name that cannot be resolved is not the user's problem here. */
function nameResolver(logicalId: string, ctx: IntrinsicContext): (value: unknown) => unknown {
  return (value) => {
    const busy = naming.get(guardKey(ctx)) ?? new Set<string>();
    naming.set(guardKey(ctx), busy);
    if (busy.has(logicalId)) return undefined;
    busy.add(logicalId);
    let failed = false;
    try {
      const name = evaluate(value, '', { ...ctx, report: () => (failed = true) });
      return failed ? undefined : name;
    } finally {
      busy.delete(logicalId);
    }
  };
}

function findInMap(arg: unknown, at: string, ctx: IntrinsicContext): unknown {
  if (!Array.isArray(arg) || arg.length < 3)
    return report(ctx, 'INVALID_INTRINSIC', at, 'Fn::FindInMap takes ["MapName", "TopLevelKey", "SecondLevelKey"]');
  const [mapName, top, second] = arg.slice(0, 3).map((a, i) => evaluate(a, `${at}/${i}`, ctx));
  const fallback = (arg[3] as { DefaultValue?: unknown } | undefined)?.DefaultValue;
  const mappings = section(ctx, 'Mappings');
  const found = (mappings[String(mapName)] as Record<string, Record<string, unknown> | undefined> | undefined)?.[
    String(top)
  ]?.[String(second)];
  if (found !== undefined) return found;
  if (fallback !== undefined) return evaluate(fallback, `${at}/3/DefaultValue`, ctx);
  return report(
    ctx,
    'UNRESOLVED_REFERENCE',
    at,
    `Mappings has no "${String(mapName)}" > "${String(top)}" > "${String(second)}"; add it to Mappings or fix the keys`,
  );
}

/** `Fn::Sub`: `${Name}` is a variable, a parameter or resource (Ref), or `Resource.Attribute` (GetAtt); `${!x}` is the literal `${x}`. */
function sub(arg: unknown, at: string, ctx: IntrinsicContext): unknown {
  const parts: readonly unknown[] = Array.isArray(arg) ? arg : [arg];
  const [template, variables] = parts;
  const textAt = Array.isArray(arg) ? `${at}/0` : at;
  if (typeof template !== 'string')
    return report(ctx, 'INVALID_INTRINSIC', at, 'Fn::Sub takes "text" or ["text", { Name: value }]');
  const values: Record<string, unknown> = {};
  if (typeof variables === 'object' && variables !== null) {
    for (const [key, v] of Object.entries(variables as Record<string, unknown>))
      values[key] = evaluate(v, `${at}/1/${encodePointerToken(key)}`, ctx);
  }
  return template.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const trimmed = name.trim();
    if (Object.hasOwn(values, trimmed)) return toText(values[trimmed], textAt, ctx);
    const dot = trimmed.indexOf('.');
    const value =
      dot > 0 && !trimmed.startsWith('AWS::')
        ? getAtt(trimmed.slice(0, dot), trimmed.slice(dot + 1), textAt, ctx)
        : ref(trimmed, textAt, ctx);
    return value === null ? whole : toText(value, textAt, ctx);
  });
}

function toText(value: unknown, at: string, ctx: IntrinsicContext): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  report(ctx, 'INVALID_INTRINSIC', at, `expected a string here, got ${Array.isArray(value) ? 'a list' : 'an object'}`);
  return '';
}

/** "X is not in the template's Resources", with `params.suggestion` (the closest name) when there is one. */
function unknownName(
  what: string,
  name: string,
  candidates: readonly string[],
  where: string,
): { message: string; params: Record<string, unknown> } {
  const suggestion = closestName(name, candidates);
  return {
    message: `${what} "${name}" is not in the template's ${where}; add it there or fix the name`,
    params: suggestion === undefined ? { name } : { name, suggestion },
  };
}
