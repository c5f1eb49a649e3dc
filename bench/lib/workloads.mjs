// Workload catalogue: where each workload's files live, how many state transitions a correct run makes,
// and the check its final output must pass (from ../shared/bench/README.md). Also the JSONata variants.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '..', '..');
/** The shared, read-only workload generator (next to the repository). */
export const GENERATOR = path.resolve(REPO_ROOT, '..', 'shared', 'bench', 'gen-workloads.mjs');

const pad = (n, w = 4) => String(n).padStart(w, '0');

/** Fail with the first unmet expectation, or return null when the output is correct. */
function expectAll(pairs) {
  for (const [label, actual, expected] of pairs) {
    if (actual !== expected) return `${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  return null;
}

/**
 * Execution workloads. `transitions` = states entered by a correct run (nested states included), used for
 * µs per transition and states/s; `check(output)` returns null when the output is right, else what is wrong.
 */
export const EXECUTION_WORKLOADS = [
  {
    name: 'pass-chain',
    file: 'pass-chain',
    transitions: 1000,
    describe: '1,000 Pass states, Parameters + ResultPath',
    check: (o) =>
      expectAll([
        ['last.step', o?.last?.step, 999],
        ['last.prev', o?.last?.prev, 998],
        ['last.b', o?.last?.b, 1],
      ]),
  },
  {
    name: 'map-10k',
    file: 'map-10k',
    transitions: 1 + 10000 * 3 + 1,
    describe: 'inline Map over 10,000 items x 3 Pass states',
    check: (o) => expectAll([['firstId', o?.firstId, 0]]),
  },
  {
    name: 'parallel-100',
    file: 'parallel-100',
    transitions: 1 + 100 * 5,
    describe: 'Parallel of 100 branches x 5 Pass states',
    check: (o) =>
      expectAll([
        ['branches.length', o?.branches?.length, 100],
        ['branches[99].branch', o?.branches?.[99]?.branch, 99],
        ['branches[0].s5', o?.branches?.[0]?.s5, 5],
      ]),
  },
  {
    name: 'choice-loop',
    file: 'choice-loop',
    transitions: 10001 + 10000 + 1,
    describe: '10,000-iteration Choice loop with States.MathAdd',
    check: (o) => expectAll([['i', o?.i, 10000]]),
  },
  {
    name: 'intrinsics',
    file: 'intrinsics',
    transitions: 1001 + 1000 + 1,
    describe: '1,000 iterations of Format, JsonMerge, ArrayPartition, Hash',
    check: (o) =>
      expectAll([
        ['i', o?.i, 1000],
        ['hash', o?.hash, '05c6e08f1d9fdafa03147fcb8f82f124c76d2f70e3d989dc8aadb5e7d7450bec'],
        ['parts.length', o?.parts?.length, 5],
        ['merged.k', o?.merged?.k, 'v'],
      ]),
  },
  {
    name: 'pass-chain (JSONata)',
    file: 'pass-chain.jsonata',
    transitions: 1000,
    jsonata: true,
    describe: 'pass-chain written in JSONata (Output with $merge)',
    check: (o) =>
      expectAll([
        ['last.step', o?.last?.step, 999],
        ['last.prev', o?.last?.prev, 998],
        ['last.b', o?.last?.b, 1],
      ]),
  },
  {
    name: 'choice-loop (JSONata)',
    file: 'choice-loop.jsonata',
    transitions: 10001 + 10000 + 1,
    jsonata: true,
    describe: 'choice-loop written in JSONata (Condition, Output)',
    check: (o) => expectAll([['i', o?.i, 10000]]),
  },
];

/** Cold start: a 2-state machine run by each tool's CLI, one process per execution. */
export const COLD_START = {
  definition: {
    StartAt: 'Greet',
    States: {
      Greet: { Type: 'Pass', Parameters: { 'greeting.$': "States.Format('Hello, {}!', $.name)" }, Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  },
  input: { name: 'Ada' },
  expected: 'Hello, Ada!',
};

/** Validation: 1,000 generated definitions, every 10th invalid (a dangling Next). */
export const VALIDATION = { file: 'validate.defs.json', definitions: 1000, invalid: 100 };

/** pass-chain in JSONata: the same data flow, Parameters + ResultPath become one Output expression. */
export function passChainJsonata() {
  const States = {};
  for (let i = 0; i < 1000; i++) {
    States[`S${pad(i)}`] = {
      Type: 'Pass',
      Output:
        `{% $merge([$states.input, {"last": {"step": ${i}, "b": $states.input.a.b, "c": $states.input.a.c, ` +
        `"first": $states.input.list[0], "prev": $states.input.last.step}}]) %}`,
      ...(i === 999 ? { End: true } : { Next: `S${pad(i + 1)}` }),
    };
  }
  return { Comment: '1,000 Pass states in sequence (JSONata)', QueryLanguage: 'JSONata', StartAt: 'S0000', States };
}

/** choice-loop in JSONata: a Condition instead of a comparison operator, arithmetic instead of States.MathAdd. */
export function choiceLoopJsonata() {
  return {
    Comment: 'Counter loop: 10,000 iterations (JSONata)',
    QueryLanguage: 'JSONata',
    StartAt: 'Check',
    States: {
      Check: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.i < $states.input.n %}', Next: 'Inc' }],
        Default: 'Done',
      },
      Inc: { Type: 'Pass', Output: '{% {"i": $states.input.i + 1, "n": $states.input.n} %}', Next: 'Check' },
      Done: { Type: 'Succeed' },
    },
  };
}

/** Generate every workload into `dir` (shared generator + the JSONata variants); returns `dir`. */
export function generateWorkloads(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(GENERATOR)) throw new Error(`workload generator not found at ${GENERATOR}`);
  execFileSync(process.execPath, [GENERATOR, dir], { stdio: 'ignore' });
  const write = (name, value) => writeFileSync(path.join(dir, name), JSON.stringify(value) + '\n');
  write('pass-chain.jsonata.asl.json', passChainJsonata());
  write('pass-chain.jsonata.input.json', JSON.parse(readFileSync(path.join(dir, 'pass-chain.input.json'), 'utf8')));
  write('choice-loop.jsonata.asl.json', choiceLoopJsonata());
  write('choice-loop.jsonata.input.json', JSON.parse(readFileSync(path.join(dir, 'choice-loop.input.json'), 'utf8')));
  write('hello.asl.json', COLD_START.definition);
  write('hello.input.json', COLD_START.input);
  return dir;
}
