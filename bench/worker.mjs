// Runs ONE (tool, workload) pair in this fresh process and prints one JSON line with its timings, so each
// measurement gets its own heap and its own peak RSS. Started by run.mjs:
//   node worker.mjs <tool> <workload-name> <workload-dir> <runs> [validation-subset]
// tools: ours | aws-local-stepfunctions (executions); ours | asl-service | asl-validator (validation).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import './lib/withResolvers.mjs'; // aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks
import { EXECUTION_WORKLOADS, VALIDATION } from './lib/workloads.mjs';

const [tool, workloadName, dir, runsArg, subsetArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const require = createRequire(import.meta.url);
const readJson = (name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * 1 warm-up (`warmUp`, default `prepare`) + `runs` timed runs. `prepare()` (untimed: JSON parsing, copies) returns the timed function,
 * which resolves to { check: string|null, ... }.
 */
async function measure(prepare, warmUp = prepare) {
  const warm = await warmUp()();
  if (warm.check) return { ok: false, error: `wrong output: ${warm.check}` };
  const times = [];
  let last = warm;
  for (let r = 0; r < runs; r++) {
    const timed = prepare();
    const start = performance.now();
    last = await timed();
    times.push(performance.now() - start);
    if (last.check) return { ok: false, error: `wrong output on run ${r + 1}: ${last.check}` };
  }
  return { ok: true, times, medianMs: median(times), ...last };
}

async function executionRunner(workload) {
  const definitionText = readFileSync(path.join(dir, `${workload.file}.asl.json`), 'utf8');
  const inputText = readFileSync(path.join(dir, `${workload.file}.input.json`), 'utf8');
  if (tool === 'ours') {
    const { compileMachine } = await import('@step/interpreter');
    return () => {
      const definition = JSON.parse(definitionText);
      const input = JSON.parse(inputText);
      return async () => {
        const machine = compileMachine(definition);
        // map-10k and choice-loop make more than the 25,000 history events at which AWS (and, by default, we)
        // fail an execution, and map-10k's Map output (262,248 bytes) is over AWS's 256 KiB: a local stress
        // run lifts both quotas.
        const result = await machine.start({ input, maxHistoryEvents: Infinity, maxPayloadBytes: Infinity }).result;
        if (result.status !== 'SUCCEEDED') {
          return { check: `status ${result.status}: ${result.error}: ${String(result.cause).slice(0, 200)}` };
        }
        return { check: workload.check(result.output), transitions: result.path.length };
      };
    };
  }
  if (tool === 'aws-local-stepfunctions') {
    const { StateMachine } = await import('aws-local-stepfunctions');
    return () => {
      const definition = JSON.parse(definitionText);
      const input = JSON.parse(inputText);
      return async () => {
        const machine = new StateMachine(definition, {});
        const output = await machine.run(input).result;
        return { check: workload.check(output) };
      };
    };
  }
  throw new Error(`unknown execution tool "${tool}"`);
}

async function validationRunner(subset) {
  const definitions = readJson(VALIDATION.file).slice(0, subset);
  const texts = definitions.map((d) => JSON.stringify(d));
  const expectedInvalid = definitions.filter((_, i) => i % 10 === 9).length;
  const check = (invalid) =>
    invalid === expectedInvalid ? null : `found ${invalid} invalid definitions, expected ${expectedInvalid}`;
  if (tool === 'ours') {
    const { validate } = await import('@step/asl');
    return () => async () => {
      let invalid = 0;
      for (const text of texts) if (!validate(text).ok) invalid++;
      return { check: check(invalid), invalid, definitions: texts.length };
    };
  }
  if (tool === 'asl-service') {
    const { getLanguageService, TextDocument } = require('amazon-states-language-service');
    const service = getLanguageService({});
    return () => async () => {
      let invalid = 0;
      for (const [i, text] of texts.entries()) {
        const document = TextDocument.create(`file:///def${i}.asl.json`, 'json', 1, text);
        const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
        if (diagnostics.some((d) => d.severity === 1)) invalid++;
      }
      return { check: check(invalid), invalid, definitions: texts.length };
    };
  }
  if (tool === 'asl-validator') {
    const aslValidator = require('asl-validator');
    return () => async () => {
      let invalid = 0;
      for (const text of texts) if (!aslValidator(JSON.parse(text)).isValid) invalid++;
      return { check: check(invalid), invalid, definitions: texts.length };
    };
  }
  throw new Error(`unknown validation tool "${tool}"`);
}

let report;
try {
  let prepare;
  let warmUp;
  if (workloadName === 'validate') {
    prepare = await validationRunner(Number(subsetArg ?? VALIDATION.definitions));
    // Warm up on the first 10 definitions only (1 of them invalid): the slow validators would otherwise
    // spend minutes on a run that is thrown away.
    warmUp = await validationRunner(10);
  } else {
    const workload = EXECUTION_WORKLOADS.find((w) => w.name === workloadName);
    if (!workload) throw new Error(`unknown workload "${workloadName}"`);
    prepare = await executionRunner(workload);
  }
  report = await measure(prepare, warmUp);
} catch (error) {
  report = { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
// maxRSS is in kilobytes: the peak resident set of this whole process (module loading included).
report.peakRssMb = process.resourceUsage().maxRSS / 1024;
report.tool = tool;
report.workload = workloadName;
process.stdout.write(`${JSON.stringify(report)}\n`);
