import { AwsServiceError } from '../../AwsServiceError.js';
import { ATTRIBUTE_TYPES, compareValues, equalValues, typeOf } from '../attributeValue.js';
import type { AttributeValue, Item } from '../attributeValue.js';
import { addDecimal, formatDecimal, parseDecimal } from '../decimal.js';
import type { Condition, Operand, Path, SetValue, UpdateAction } from './ast.js';
import type { ExpressionField } from './parse.js';
import { formatPath } from './parse.js';

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

/**
 * The value at a document path of an item, or `undefined` when any step is missing or of the wrong type.
 * @internal
 */
export function getPath(item: Item, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined = { M: item };
  for (const e of path.elements) {
    if (current === undefined) return undefined;
    if ('name' in e) current = 'M' in current ? current.M[e.name] : undefined;
    else current = 'L' in current ? current.L[e.index] : undefined;
  }
  return current;
}

function size(v: AttributeValue | undefined): AttributeValue | undefined {
  if (v === undefined) return undefined;
  let n: number;
  if ('S' in v) n = [...v.S].length;
  else if ('B' in v) n = Buffer.from(v.B, 'base64').length;
  else if ('M' in v) n = Object.keys(v.M).length;
  else if ('L' in v) n = v.L.length;
  else if ('SS' in v) n = v.SS.length;
  else if ('NS' in v) n = v.NS.length;
  else if ('BS' in v) n = v.BS.length;
  else return undefined;
  return { N: String(n) };
}

function operandValue(o: Operand, item: Item): AttributeValue | undefined {
  if (o.kind === 'value') return o.value;
  if (o.kind === 'size') return size(getPath(item, o.path));
  return getPath(item, o);
}

function ordered(a: AttributeValue | undefined, b: AttributeValue | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : compareValues(a, b);
}

function formatValue(v: AttributeValue): string {
  const t = typeOf(v);
  return `AttributeValue: {${t}:${JSON.stringify((v as Record<string, unknown>)[t]).replace(/^"|"$/g, '')}}`;
}

/**
 * Evaluates a condition against an item (an empty item when it does not exist), as DynamoDB does: a comparison
 * with a missing attribute or of different types is false (`<>` is true), numbers compare exactly.
 * Pure; throws `ValidationException` for a bad `attribute_type` name or a BETWEEN whose bounds are reversed.
 * @internal
 */
export function evaluateCondition(c: Condition, item: Item, field: ExpressionField): boolean {
  switch (c.kind) {
    case 'and':
      return evaluateCondition(c.left, item, field) && evaluateCondition(c.right, item, field);
    case 'or':
      return evaluateCondition(c.left, item, field) || evaluateCondition(c.right, item, field);
    case 'not':
      return !evaluateCondition(c.condition, item, field);
    case 'attribute_exists':
      return getPath(item, c.path) !== undefined;
    case 'attribute_not_exists':
      return getPath(item, c.path) === undefined;
    case 'attribute_type': {
      const t = operandValue(c.type, item);
      const name = t !== undefined && 'S' in t ? t.S : undefined;
      if (name === undefined || !(ATTRIBUTE_TYPES as readonly string[]).includes(name))
        throw invalid(
          `Invalid ${field}: Invalid attribute type name found; type: ${name ?? (t === undefined ? 'null' : typeOf(t))}, valid types: { ${ATTRIBUTE_TYPES.join(',')} }`,
        );
      const v = getPath(item, c.path);
      return v !== undefined && typeOf(v) === name;
    }
    case 'begins_with': {
      const v = getPath(item, c.path);
      const prefix = operandValue(c.operand, item);
      if (v === undefined || prefix === undefined) return false;
      if ('S' in v && 'S' in prefix) return v.S.startsWith(prefix.S);
      if ('B' in v && 'B' in prefix) {
        const p = Buffer.from(prefix.B, 'base64');
        return Buffer.from(v.B, 'base64').subarray(0, p.length).equals(p);
      }
      return false;
    }
    case 'contains': {
      const v = getPath(item, c.path);
      const x = operandValue(c.operand, item);
      if (v === undefined || x === undefined) return false;
      if ('S' in v) return 'S' in x && v.S.includes(x.S);
      if ('B' in v) return 'B' in x && Buffer.from(v.B, 'base64').includes(Buffer.from(x.B, 'base64'));
      if ('SS' in v) return 'S' in x && v.SS.includes(x.S);
      if ('NS' in v) return 'N' in x && v.NS.some((n) => equalValues({ N: n }, x));
      if ('BS' in v) return 'B' in x && v.BS.some((b) => equalValues({ B: b }, x));
      if ('L' in v) return v.L.some((e) => equalValues(e, x));
      return false;
    }
    case 'compare': {
      const a = operandValue(c.left, item);
      const b = operandValue(c.right, item);
      if (c.op === '=') return a !== undefined && b !== undefined && equalValues(a, b);
      if (c.op === '<>') return a === undefined || b === undefined || !equalValues(a, b);
      const o = ordered(a, b);
      if (o === undefined) return false;
      return c.op === '<' ? o < 0 : c.op === '<=' ? o <= 0 : c.op === '>' ? o > 0 : o >= 0;
    }
    case 'between': {
      const low = operandValue(c.low, item);
      const high = operandValue(c.high, item);
      const bounds = ordered(low, high);
      if (c.low.kind === 'value' && c.high.kind === 'value' && bounds !== undefined && bounds > 0)
        throw invalid(
          `Invalid ${field}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ` +
            `lower bound operand: ${formatValue(low!)}, upper bound operand: ${formatValue(high!)}`,
        );
      const v = operandValue(c.operand, item);
      const lo = ordered(v, low);
      const hi = ordered(v, high);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'in': {
      const v = operandValue(c.operand, item);
      return (
        v !== undefined &&
        c.list.some((o) => {
          const x = operandValue(o, item);
          return x !== undefined && equalValues(v, x);
        })
      );
    }
  }
}

const WRONG_TYPE = 'An operand in the update expression has an incorrect data type';

function setValue(v: SetValue, item: Item): AttributeValue {
  switch (v.kind) {
    case 'value':
      return v.value;
    case 'path': {
      const x = getPath(item, v);
      if (x === undefined)
        throw invalid('The provided expression refers to an attribute that does not exist in the item');
      return x;
    }
    case 'if_not_exists':
      return getPath(item, v.path) ?? setValue(v.fallback, item);
    case 'list_append': {
      const a = setValue(v.first, item);
      const b = setValue(v.second, item);
      if (!('L' in a) || !('L' in b)) throw invalid(WRONG_TYPE);
      return { L: [...a.L, ...b.L] };
    }
    case 'plus':
    case 'minus': {
      const a = setValue(v.left, item);
      const b = setValue(v.right, item);
      if (!('N' in a) || !('N' in b)) throw invalid(WRONG_TYPE);
      return { N: formatDecimal(addDecimal(parseDecimal(a.N), parseDecimal(b.N), v.kind === 'minus')) };
    }
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The container of a path's last element in a (mutable) item, or `undefined` when a step is missing. */
function parentOf(item: Item, path: Path): AttributeValue | undefined {
  return getPath(item, { kind: 'path', elements: path.elements.slice(0, -1) });
}

function put(item: Item, path: Path, value: AttributeValue): void {
  const last = path.elements[path.elements.length - 1]!;
  if (path.elements.length === 1 && 'name' in last) {
    item[last.name] = value;
    return;
  }
  const parent = parentOf(item, path);
  if (parent !== undefined && 'name' in last && 'M' in parent) parent.M[last.name] = value;
  else if (parent !== undefined && 'index' in last && 'L' in parent) {
    if (last.index < parent.L.length) parent.L[last.index] = value;
    else parent.L.push(value);
  } else throw invalid('The document path provided in the update expression is invalid for update');
}

function remove(item: Item, path: Path): void {
  const last = path.elements[path.elements.length - 1]!;
  if (path.elements.length === 1 && 'name' in last) {
    delete item[last.name];
    return;
  }
  const parent = parentOf(item, path);
  if (parent !== undefined && 'name' in last && 'M' in parent) delete parent.M[last.name];
  else if (parent !== undefined && 'index' in last && 'L' in parent) parent.L.splice(last.index, 1);
}

function setMembers(v: AttributeValue): { type: 'SS' | 'NS' | 'BS'; members: string[] } | undefined {
  if ('SS' in v) return { type: 'SS', members: v.SS };
  if ('NS' in v) return { type: 'NS', members: v.NS };
  if ('BS' in v) return { type: 'BS', members: v.BS };
  return undefined;
}

function memberKey(type: 'SS' | 'NS' | 'BS', x: string): string {
  return type === 'NS' ? formatDecimal(parseDecimal(x)) : x;
}

function checkOverlap(actions: readonly UpdateAction[]): void {
  const seen: string[][] = [];
  for (const a of actions) {
    const p = a.path.elements.map((e) => ('name' in e ? `.${e.name}` : `[${e.index}]`));
    for (const q of seen) {
      const n = Math.min(p.length, q.length);
      if (p.slice(0, n).every((x, i) => x === q[i]))
        throw invalid(
          'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; ' +
            `path one: ${formatPath({ kind: 'path', elements: actions[seen.indexOf(q)]!.path.elements })}, path two: ${formatPath(a.path)}`,
        );
    }
    seen.push(p);
  }
}

/**
 * Applies an UpdateExpression's actions to an item and answers the new item; the old one is not changed. Every
 * right-hand side reads the old item, as in DynamoDB. Pure; throws `ValidationException` with DynamoDB's texts
 * for overlapping paths, a missing attribute in `a + :v`, a wrong operand type or an invalid document path.
 * @internal
 */
export function applyUpdate(old: Item, actions: readonly UpdateAction[]): Item {
  checkOverlap(actions);
  const values = actions.map((a) => (a.kind === 'SET' ? setValue(a.value, old) : undefined));
  const item = clone(old);
  actions.forEach((a, i) => {
    if (a.kind === 'SET') put(item, a.path, clone(values[i]!));
  });
  // Removals of list elements refer to the old positions: remove the highest index first.
  const removals = actions.filter((a) => a.kind === 'REMOVE');
  const index = (a: UpdateAction): number => {
    const last = a.path.elements[a.path.elements.length - 1]!;
    return 'index' in last ? last.index : -1;
  };
  for (const a of [...removals].sort((x, y) => index(y) - index(x))) remove(item, a.path);
  for (const a of actions) {
    if (a.kind !== 'ADD' && a.kind !== 'DELETE') continue;
    const current = getPath(item, a.path);
    const given = a.value.value;
    const givenSet = setMembers(given);
    if (a.kind === 'ADD') {
      if (!('N' in given) && givenSet === undefined)
        throw invalid(
          `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: ${typeOf(given)}`,
        );
      if (current === undefined) put(item, a.path, clone(given));
      else if ('N' in given && 'N' in current)
        put(item, a.path, { N: formatDecimal(addDecimal(parseDecimal(current.N), parseDecimal(given.N))) });
      else {
        const have = setMembers(current);
        if (have === undefined || givenSet === undefined || have.type !== givenSet.type) throw invalid(WRONG_TYPE);
        const keys = new Set(have.members.map((x) => memberKey(have.type, x)));
        const added = givenSet.members.filter((x) => !keys.has(memberKey(have.type, x)));
        put(item, a.path, { [have.type]: [...have.members, ...added] } as AttributeValue);
      }
    } else {
      if (givenSet === undefined)
        throw invalid(
          `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: ${typeOf(given)}`,
        );
      if (current === undefined) continue;
      const have = setMembers(current);
      if (have === undefined || have.type !== givenSet.type) throw invalid(WRONG_TYPE);
      const drop = new Set(givenSet.members.map((x) => memberKey(have.type, x)));
      const rest = have.members.filter((x) => !drop.has(memberKey(have.type, x)));
      if (rest.length === 0) remove(item, a.path);
      else put(item, a.path, { [have.type]: rest } as AttributeValue);
    }
  }
  return item;
}

type Node =
  | { kind: 'leaf'; value: AttributeValue }
  | { kind: 'M'; children: Map<string, Node> }
  | { kind: 'L'; children: Map<number, Node> };

/**
 * The parts of an item a ProjectionExpression names (list elements keep their order, without gaps), as
 * DynamoDB answers them. Pure.
 * @internal
 */
export function project(item: Item, paths: readonly Path[]): Item {
  const root: Node = { kind: 'M', children: new Map() };
  for (const path of paths) {
    const value = getPath(item, path);
    if (value === undefined) continue;
    let node: Node = root;
    path.elements.forEach((e, i) => {
      if (node.kind === 'leaf') return; // a shorter path already takes the whole value
      const isLast = i === path.elements.length - 1;
      const next = path.elements[i + 1];
      const key = 'name' in e ? e.name : e.index;
      const children = (node as { children: Map<string | number, Node> }).children;
      if (isLast) {
        children.set(key, { kind: 'leaf', value });
        return;
      }
      let child = children.get(key);
      if (child === undefined) {
        child =
          next !== undefined && 'name' in next
            ? { kind: 'M', children: new Map() }
            : { kind: 'L', children: new Map() };
        children.set(key, child);
      }
      node = child;
    });
  }
  const build = (n: Node): AttributeValue => {
    if (n.kind === 'leaf') return clone(n.value);
    if (n.kind === 'M') return { M: Object.fromEntries([...n.children].map(([k, c]) => [k, build(c)])) };
    return { L: [...n.children].sort(([a], [b]) => a - b).map(([, c]) => build(c)) };
  };
  return (build(root) as { M: Item }).M;
}
