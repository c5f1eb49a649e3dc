import type { AttributeValue, Item } from '../src/dynamodb/attributeValue.js';
import { checkValue } from '../src/dynamodb/attributeValue.js';
import { addDecimal, compareDecimal, formatDecimal, parseDecimal } from '../src/dynamodb/decimal.js';
import { applyUpdate, evaluateCondition, project } from '../src/dynamodb/expressions/evaluate.js';
import { createPlaceholders, parseCondition, parseProjection, parseUpdate } from '../src/dynamodb/expressions/parse.js';

const names = { '#s': 'status', '#n': 'name' };
const values: Record<string, AttributeValue> = {
  ':one': { N: '1' },
  ':two': { N: '2' },
  ':ten': { N: '10' },
  ':big': { N: '12345678901234567890123456789012345678' },
  ':open': { S: 'OPEN' },
  ':op': { S: 'OP' },
  ':red': { S: 'red' },
  ':S': { S: 'S' },
  ':N': { S: 'N' },
  ':SS': { S: 'SS' },
  ':x': { S: 'x' },
  ':redSet': { SS: ['red'] },
};

const item: Item = {
  id: { S: 'a' },
  status: { S: 'OPEN' },
  count: { N: '2' },
  big: { N: '12345678901234567890123456789012345679' },
  tags: { SS: ['red', 'blue'] },
  list: { L: [{ S: 'x' }, { N: '1' }] },
  address: { M: { city: { S: 'Paris' }, zip: { S: '75001' } } },
  flag: { BOOL: false },
};

function holds(expression: string): boolean {
  const ctx = createPlaceholders(names, values);
  return evaluateCondition(parseCondition(expression, 'ConditionExpression', ctx), item, 'ConditionExpression');
}

describe('parseCondition and evaluateCondition', () => {
  it.each([
    ['attribute_exists(id)', true],
    ['attribute_exists(missing)', false],
    ['attribute_not_exists(missing)', true],
    ['attribute_exists(address.city)', true],
    ['attribute_exists(list[1])', true],
    ['attribute_exists(list[2])', false],
    ['attribute_type(count, :N)', true],
    ['attribute_type(tags, :SS)', true],
    ['attribute_type(id, :N)', false],
    ['begins_with(#s, :op)', true],
    ['begins_with(id, :op)', false],
    ['contains(tags, :red)', true],
    ['contains(#s, :op)', true],
    ['contains(list, :x)', true],
    ['contains(tags, :x)', false],
    ['size(tags) = :two', true],
    ['size(#s) > :two', true],
    ['size(address) = :two', true],
    ['#s = :open', true],
    ['#s <> :open', false],
    ['missing <> :open', true],
    ['missing = :open', false],
    ['count < :ten', true],
    ['count <= :two', true],
    ['count > :one', true],
    ['count >= :ten', false],
    ['count = :open', false],
    ['count BETWEEN :one AND :ten', true],
    ['count BETWEEN :one AND :one', false],
    ['count IN (:one, :two)', true],
    ['#s IN (:op, :red)', false],
    ['big > :big', true],
    ['NOT attribute_exists(missing)', true],
    ['attribute_exists(id) AND #s = :open', true],
    ['attribute_exists(missing) OR #s = :open', true],
    ['attribute_exists(missing) OR #s = :op AND count = :two', false],
    ['(attribute_exists(missing) OR #s = :open) AND count = :two', true],
    ['not (count = :one) and #s = :open', true],
    ['address.city = :open', false],
  ])('%s is %s', (expression, expected) => {
    expect(holds(expression)).toBe(expected);
  });

  it.each([
    ['#s = ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "'],
    ['#s == :open', 'Invalid ConditionExpression: Syntax error; token: "=", near: "== :open"'],
    ['#s = :open AND', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND"'],
    ['#s = :open $', 'Invalid ConditionExpression: Syntax error; token: "$", near: ":open $"'],
    [
      '#nope = :open',
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope',
    ],
    [
      '#s = :nope',
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope',
    ],
    ['exists(id)', 'Invalid ConditionExpression: Invalid function name; function: exists'],
    [
      'if_not_exists(id, :one)',
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists',
    ],
    ['', 'Invalid ConditionExpression: The expression can not be empty;'],
    [
      'attribute_type(id, :x)',
      'Invalid ConditionExpression: Invalid attribute type name found; type: x, valid types: { B,BOOL,BS,L,M,N,NS,NULL,S,SS }',
    ],
    [
      'count BETWEEN :ten AND :one',
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}',
    ],
  ])('refuses %j', (expression, message) => {
    expect(() => holds(expression)).toThrow(message);
  });

  it('records which placeholders an expression used', () => {
    const ctx = createPlaceholders(names, values);
    parseCondition('#s = :open', 'ConditionExpression', ctx);
    expect([...ctx.usedNames, ...ctx.usedValues]).toEqual(['#s', ':open']);
  });
});

function update(expression: string, on: Item = item): Item {
  return applyUpdate(on, parseUpdate(expression, createPlaceholders(names, values)));
}

describe('parseUpdate and applyUpdate', () => {
  it.each<[string, Item]>([
    ['SET count = count + :one', { count: { N: '3' } }],
    ['SET count = count - :ten', { count: { N: '-8' } }],
    ['SET count = :ten - count', { count: { N: '8' } }],
    ['SET fresh = if_not_exists(fresh, :one)', { fresh: { N: '1' } }],
    ['SET count = if_not_exists(count, :ten)', { count: { N: '2' } }],
    ['SET address.city = :open', { address: { M: { city: { S: 'OPEN' }, zip: { S: '75001' } } } }],
    ['SET list[0] = :open', { list: { L: [{ S: 'OPEN' }, { N: '1' }] } }],
    ['SET list[9] = :open', { list: { L: [{ S: 'x' }, { N: '1' }, { S: 'OPEN' }] } }],
    ['REMOVE flag, list[0]', { list: { L: [{ N: '1' }] } }],
    ['ADD count :ten', { count: { N: '12' } }],
    ['ADD visits :one', { visits: { N: '1' } }],
    ['DELETE tags :redSet', { tags: { SS: ['blue'] } }],
    ['SET #s = :op REMOVE flag ADD count :one', { status: { S: 'OP' }, count: { N: '3' } }],
    ['set #n = :x remove flag', { name: { S: 'x' } }],
  ])('%s', (expression, changed) => {
    const result = update(expression);
    const expected: Item = { ...item, ...changed };
    if (expression.includes('REMOVE flag') || expression.includes('remove flag')) delete expected.flag;
    expect(result).toEqual(expected);
  });

  it('reads every right-hand side from the old item (a swap works)', () => {
    const ctx = createPlaceholders(undefined, undefined);
    const swapped = applyUpdate({ a: { S: '1' }, b: { S: '2' } }, parseUpdate('SET a = b, b = a', ctx));
    expect(swapped).toEqual({ a: { S: '2' }, b: { S: '1' } });
  });

  it('appends lists with list_append', () => {
    const ctx = createPlaceholders(undefined, { ':more': { L: [{ S: 'y' }] } });
    expect(applyUpdate({ l: { L: [{ S: 'x' }] } }, parseUpdate('SET l = list_append(l, :more)', ctx))).toEqual({
      l: { L: [{ S: 'x' }, { S: 'y' }] },
    });
  });

  it('removes a set emptied by DELETE', () => {
    const ctx = createPlaceholders(undefined, { ':all': { SS: ['red', 'blue'] } });
    expect(applyUpdate({ tags: { SS: ['red', 'blue'] } }, parseUpdate('DELETE tags :all', ctx))).toEqual({});
  });

  it('does not change the old item', () => {
    const before = structuredClone(item);
    update('SET address.city = :open REMOVE list[0]');
    expect(item).toEqual(before);
  });

  it.each([
    ['SET count = count + :open', 'An operand in the update expression has an incorrect data type'],
    ['SET list = list_append(list, :one)', 'An operand in the update expression has an incorrect data type'],
    ['SET a = missing, b = :one', 'The provided expression refers to an attribute that does not exist in the item'],
    [
      'SET count = :one, count = :two',
      'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [count], path two: [count]',
    ],
    ['SET address = :one REMOVE address.city', 'path one: [address], path two: [address, city]'],
    ['SET nowhere.deep = :one', 'The document path provided in the update expression is invalid for update'],
    ['ADD #s :open', 'Incorrect operand type for operator or function; operator: ADD, operand type: S'],
    ['ADD tags :one', 'An operand in the update expression has an incorrect data type'],
    ['SET a = :one SET b = :two', 'The "SET" section can only be used once in an update expression;'],
    ['UPSERT a = :one', 'Invalid UpdateExpression: Syntax error; token: "UPSERT"'],
    [
      'SET a = size(tags)',
      'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: size',
    ],
  ])('refuses %j', (expression, message) => {
    expect(() => update(expression)).toThrow(message);
  });
});

describe('parseProjection and project', () => {
  it.each<[string, Item]>([
    ['id', { id: { S: 'a' } }],
    ['id, #s, missing', { id: { S: 'a' }, status: { S: 'OPEN' } }],
    ['address.city', { address: { M: { city: { S: 'Paris' } } } }],
    ['list[1]', { list: { L: [{ N: '1' }] } }],
    ['list[1], list[0]', { list: { L: [{ S: 'x' }, { N: '1' }] } }],
  ])('%s', (expression, expected) => {
    expect(project(item, parseProjection(expression, createPlaceholders(names, undefined)))).toEqual(expected);
  });
});

describe('decimal numbers', () => {
  it.each([
    ['1.50', '1.5'],
    ['007', '7'],
    ['-0.0100', '-0.01'],
    ['1e2', '100'],
    ['1.5E-3', '0.0015'],
    ['-0', '0'],
    ['.5', '0.5'],
    ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
  ])('normalises %s to %s', (text, expected) => {
    expect(formatDecimal(parseDecimal(text))).toBe(expected);
  });

  it('compares beyond float precision', () => {
    const a = parseDecimal('12345678901234567890123456789012345678');
    const b = parseDecimal('12345678901234567890123456789012345679');
    expect(compareDecimal(a, b)).toBe(-1);
    expect(compareDecimal(parseDecimal('10'), parseDecimal('9.99'))).toBe(1);
    expect(compareDecimal(parseDecimal('1.0'), parseDecimal('1'))).toBe(0);
  });

  it('adds exactly', () => {
    expect(formatDecimal(addDecimal(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.3');
    expect(formatDecimal(addDecimal(parseDecimal('1'), parseDecimal('1.5'), true))).toBe('-0.5');
  });

  it.each([
    ['abc', 'A value provided cannot be converted into a number'],
    ['', 'A value provided cannot be converted into a number'],
    ['123456789012345678901234567890123456789', 'Attempting to store more than 38 significant digits in a Number'],
    ['1e126', 'Number overflow'],
    ['1e-131', 'Number underflow'],
  ])('refuses %j', (text, message) => {
    expect(() => parseDecimal(text)).toThrow(message);
  });
});

describe('checkValue', () => {
  it.each([
    [{}, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
    [{ S: 'a', N: '1' }, 'Supplied AttributeValue has more than one datatypes set'],
    [{ SS: [] }, 'One or more parameter values were invalid: An string set  may not be empty'],
    [{ SS: ['a', 'a'] }, 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.'],
    [{ NS: ['1', '1.0'] }, 'contains duplicates'],
    [{ NULL: false }, 'Null attribute value types must have the value of true'],
  ])('refuses %j', (value, message) => {
    expect(() => checkValue(value)).toThrow(message);
  });
});
