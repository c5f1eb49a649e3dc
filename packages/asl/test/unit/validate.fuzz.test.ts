// Random mutations of valid definitions never make validate() throw, and its result is always well formed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { validate } from '@step/asl';
import { FIXTURES_DIR, SHARED_DIR } from '../helpers/paths.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const CASES_DIR = path.join(SHARED_DIR, 'conformance/cases');

const fixtureSeeds: Json[] = readdirSync(path.join(FIXTURES_DIR, 'valid'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(FIXTURES_DIR, 'valid', f), 'utf8')) as Json);
const seeds: Json[] = [
  ...fixtureSeeds,
  // every 9th recorded AWS definition, for variety (JSONata, variables, distributed Map...)
  ...(existsSync(CASES_DIR) ? readdirSync(CASES_DIR).sort() : [])
    .filter((_, i) => i % 9 === 0)
    .map((f) => (JSON.parse(readFileSync(path.join(CASES_DIR, f), 'utf8')) as { definition: Json }).definition),
];

/** Every [container, key] slot of a JSON value, depth first. */
function slots(value: Json, out: [Json[] | { [k: string]: Json }, string | number][] = []): typeof out {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value, i]);
      slots(v, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      out.push([value, k]);
      slots(value[k] as Json, out);
    }
  }
  return out;
}

/** Names every JavaScript object inherits: as keys and values they must be ordinary names to the validator. */
const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const FIELD_NAMES = [
  'Type',
  'Next',
  'End',
  'StartAt',
  'States',
  'Choices',
  'Default',
  'Branches',
  'ItemProcessor',
  'Iterator',
  'Retry',
  'Catch',
  'ErrorEquals',
  'ResultPath',
  'Parameters',
  'Assign',
  'Output',
  'Arguments',
  'QueryLanguage',
  'Variable',
  'And',
  'Not',
  'Seconds',
  'Items',
  'Label',
  'Condition',
  'ProcessorConfig',
  'Mode',
  'x.$',
  ...INHERITED,
];
const NASTY: Json[] = [
  ...[
    null,
    true,
    0,
    -1,
    1.5,
    '',
    '$',
    '$.',
    '$$',
    '$x',
    '{% %}',
    '{% ( %}',
    'States.Format(',
    'States.ALL',
    'JSONata',
    'DISTRIBUTED',
    '$.[0]',
    '$[?(@.a >)]',
    'arn:aws:states:::dynamodb:query',
    '2016-13-01T00:00:00Z',
    [],
    {},
    [{}],
    { StartAt: 'Q', States: {} },
  ],
  ...INHERITED,
  ...INHERITED.map((n) => `States.${n}`),
  ...INHERITED.map((n) => `States.${n}()`),
];

// Each draw is a fresh copy: the mutations edit what they insert, and a shared NASTY object edited in one run
// would be inserted, edited, into later ones (even into itself, giving a cyclic value).
const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(...NASTY).map((value) => structuredClone(value)),
  fc.jsonValue() as fc.Arbitrary<Json>,
);

const mutation = fc.record({
  seed: fc.nat(),
  steps: fc.array(
    fc.record({
      at: fc.nat(),
      op: fc.constantFrom('replace', 'delete', 'rename', 'insert'),
      value: jsonValue,
      key: fc.constantFrom(...FIELD_NAMES),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

/** Sets an own property, as JSON.parse does: plain assignment to `__proto__` would change the prototype instead. */
function put(container: Record<string | number, Json>, key: string | number, value: Json): void {
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Applies `steps` to a copy of one of `from`. Every inserted value is a fresh copy too: the generated values
 * (`NASTY`'s above all) are shared between runs and between the steps of one run, so inserting them as they
 * are would let a later step edit what later runs insert, or put a value inside itself (a cycle).
 */
function mutate(
  from: readonly Json[],
  seedIndex: number,
  steps: { at: number; op: string; value: Json; key: string }[],
): Json {
  const def = structuredClone(from[seedIndex % from.length] as Json);
  for (const step of steps) {
    const all = slots(def);
    if (all.length === 0) break;
    const [container, key] = all[step.at % all.length] as [Record<string | number, Json>, string | number];
    if (step.op === 'replace') put(container, key, structuredClone(step.value));
    else if (step.op === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
    } else if (step.op === 'rename' && !Array.isArray(container)) {
      const v = container[key] as Json;
      delete container[key];
      put(container, step.key, v);
    } else if (!Array.isArray(container)) {
      const target = container[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        put(target, step.key, structuredClone(step.value));
    }
  }
  return def;
}

/** The fuzz body: random mutations of `from` never make validate() throw, and its result is always well formed. */
function checkMutations(from: readonly Json[], seed: number, numRuns: number): void {
  fc.assert(
    fc.property(mutation, ({ seed: seedIndex, steps }) => {
      // Act
      const def = mutate(from, seedIndex, steps);
      const result = validate(def);
      // Assess
      for (const d of result.diagnostics) {
        if (typeof d.code !== 'string' || typeof d.message !== 'string' || typeof d.path !== 'string') return false;
        if (d.code === 'INTERNAL_ERROR') return false;
        if (d.path !== '' && !d.path.startsWith('/')) return false;
      }
      return result.ok === result.diagnostics.every((d) => d.severity === 'warning');
    }),
    { numRuns, seed },
  );
}

describe('validate under random mutations', () => {
  it('has seeds to mutate', () => {
    expect(seeds.length).toBeGreaterThan(3);
  });

  it('never throws and always returns well-formed diagnostics', () => {
    checkMutations(seeds, 20261126, 3000);
  });

  it('runs the same body on other seed sets without editing the values it inserts', () => {
    // Prepare: without ../shared this seed once built a cyclic definition and overflowed the stack in the test
    const nastyBefore = structuredClone(NASTY);
    // Act
    checkMutations(fixtureSeeds, 20261126, 3000);
    checkMutations(fixtureSeeds, 1, 500);
    // Assess
    expect(NASTY).toEqual(nastyBefore);
  });

  it('never throws on arbitrary JSON text or values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue(), fc.json()), (input) => {
        const result = validate(input);
        return Array.isArray(result.diagnostics) && result.diagnostics.every((d) => d.code !== 'INTERNAL_ERROR');
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
