import type { JsonValue } from '@step/asl';
import type { EvalScope } from '../evalScope.js';
import { StatesFailure } from '../StatesFailure.js';
import { deepCopy } from './deepCopy.js';
import type { PathRef } from './PathRef.js';
import { readPath } from './PathRef.js';

/** Node kinds. */
const CONST = 0;
const CONST_COPY = 1;
const OBJECT = 2;
const ARRAY = 3;
const PATH = 4;
const CALL = 5;

/**
 * Randomness that intrinsic functions may use.
 * @internal
 */
export interface NodeEnv {
  random: () => number;
  uuid: () => string;
}

/**
 * A compiled payload template as data (one class, so {@link evalTemplate} stays monomorphic and hot).
 * @internal
 */
export class TemplateNode {
  readonly kind: number;
  readonly value: JsonValue;
  readonly keys: string[] | undefined;
  readonly nodes: TemplateNode[] | undefined;
  readonly path: PathRef | undefined;
  readonly field: string;
  readonly call: ((scope: EvalScope, random: () => number, uuid: () => string) => JsonValue) | undefined;

  private constructor(
    kind: number,
    value: JsonValue,
    keys: string[] | undefined,
    nodes: TemplateNode[] | undefined,
    path: PathRef | undefined,
    field: string,
    call: TemplateNode['call'],
  ) {
    this.kind = kind;
    this.value = value;
    this.keys = keys;
    this.nodes = nodes;
    this.path = path;
    this.field = field;
    this.call = call;
  }

  /** Whether the node is a literal (no path or intrinsic inside). */
  get isConstant(): boolean {
    return this.kind === CONST || this.kind === CONST_COPY;
  }

  static constant(value: JsonValue): TemplateNode {
    const copy = typeof value === 'object' && value !== null;
    return new TemplateNode(copy ? CONST_COPY : CONST, value, undefined, undefined, undefined, '', undefined);
  }

  static object(keys: string[], nodes: TemplateNode[]): TemplateNode {
    return new TemplateNode(OBJECT, null, keys, nodes, undefined, '', undefined);
  }

  static array(nodes: TemplateNode[]): TemplateNode {
    return new TemplateNode(ARRAY, null, undefined, nodes, undefined, '', undefined);
  }

  static path(path: PathRef, field: string): TemplateNode {
    return new TemplateNode(PATH, null, undefined, undefined, path, field, undefined);
  }

  static intrinsic(call: NonNullable<TemplateNode['call']>, field: string): TemplateNode {
    return new TemplateNode(CALL, null, undefined, undefined, undefined, field, call);
  }
}

/**
 * Evaluates a {@link TemplateNode}; a path that selects nothing fails with AWS's `States.Runtime` cause.
 * @internal
 */
export function evalTemplate(n: TemplateNode, scope: EvalScope, env: NodeEnv): JsonValue {
  switch (n.kind) {
    case CONST:
      return n.value;
    case CONST_COPY:
      return deepCopy(n.value);
    case OBJECT: {
      const keys = n.keys!;
      const nodes = n.nodes!;
      const out: { [k: string]: JsonValue } = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = evalTemplate(nodes[i]!, scope, env);
      return out;
    }
    case ARRAY: {
      const nodes = n.nodes!;
      const out: JsonValue[] = new Array<JsonValue>(nodes.length);
      for (let i = 0; i < nodes.length; i++) out[i] = evalTemplate(nodes[i]!, scope, env);
      return out;
    }
    case PATH: {
      const v = readPath(n.path!, scope);
      if (v === undefined) {
        throw new StatesFailure(
          'States.Runtime',
          `The JSONPath '${n.path!.text}' specified for the field '${n.field}' could not be found in the input '${JSON.stringify(scope.input)}'`,
        );
      }
      return v;
    }
    default:
      return n.call!(scope, env.random, env.uuid);
  }
}
