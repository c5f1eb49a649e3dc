import type { AttributeValue } from '../attributeValue.js';

/**
 * The parsed forms of DynamoDB's expressions (condition, filter, key condition, update, projection), with
 * `#name` placeholders and `:value` placeholders already resolved.
 * @internal
 */
export interface Path {
  kind: 'path';
  elements: ({ name: string } | { index: number })[];
}

/** A `:value` placeholder and its value. @internal */
export interface ValueRef {
  kind: 'value';
  name: string;
  value: AttributeValue;
}

/** An operand of a comparison or a function: a path, a value or `size(path)`. @internal */
export type Operand = Path | ValueRef | { kind: 'size'; path: Path };

/** A comparison operator. @internal */
export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A condition (ConditionExpression, FilterExpression, KeyConditionExpression). @internal */
export type Condition =
  | { kind: 'compare'; op: Comparator; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; list: Operand[] }
  | { kind: 'attribute_exists' | 'attribute_not_exists'; path: Path }
  | { kind: 'attribute_type'; path: Path; type: Operand }
  | { kind: 'begins_with' | 'contains'; path: Path; operand: Operand }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; condition: Condition };

/** The right side of a SET action. @internal */
export type SetValue =
  | Path
  | ValueRef
  | { kind: 'if_not_exists'; path: Path; fallback: SetValue }
  | { kind: 'list_append'; first: SetValue; second: SetValue }
  | { kind: 'plus' | 'minus'; left: SetValue; right: SetValue };

/** One action of an UpdateExpression. @internal */
export type UpdateAction =
  | { kind: 'SET'; path: Path; value: SetValue }
  | { kind: 'REMOVE'; path: Path }
  | { kind: 'ADD' | 'DELETE'; path: Path; value: ValueRef };
