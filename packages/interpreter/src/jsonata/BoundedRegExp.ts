import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

/**
 * Longest one regular-expression match may run (ms) before the evaluation fails (AWS's 1 s evaluation limit).
 *
 * @example
 * ```ts
 * `ran longer than ${REGEX_TIMEOUT_MS} ms`;
 * ```
 * @internal
 */
export const REGEX_TIMEOUT_MS = 1000;

/** How long the matching worker may take to start (a loaded CI machine). */
const START_TIMEOUT_MS = 30_000;

/**
 * The matching worker: runs `exec` with V8's own engine (the one AWS's JSONata uses), answers on the port, then
 * raises the flag. The text is sent only when it changes, so `$replace` over many matches copies it once.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
const compiled = new Map();
let text = '';
const done = () => { Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); };
port.on('message', (q) => {
  if (q.text !== null) text = q.text;
  const key = q.flags + '/' + q.source;
  let re = compiled.get(key);
  if (re === undefined) {
    if (compiled.size >= 256) compiled.clear();
    re = new RegExp(q.source, q.flags);
    compiled.set(key, re);
  }
  re.lastIndex = q.lastIndex;
  const m = re.exec(text);
  port.postMessage(m === null ? { groups: null, index: 0, lastIndex: re.lastIndex } : { groups: [...m], index: m.index, lastIndex: re.lastIndex });
  done();
});
done();
`;

interface Runner {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  text: string | undefined;
}

interface Reply {
  groups: (string | undefined)[] | null;
  index: number;
  lastIndex: number;
}

let runner: Runner | undefined;

function startRunner(): Runner {
  const { port1, port2 } = new MessageChannel();
  const shared = new SharedArrayBuffer(4);
  const flag = new Int32Array(shared);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { flag: shared, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  port1.unref();
  if (Atomics.wait(flag, 0, 0, START_TIMEOUT_MS) === 'timed-out') {
    void worker.terminate();
    throw new Error(`internal: the regular-expression worker did not start within ${START_TIMEOUT_MS} ms`);
  }
  return { worker, port: port1, flag, text: undefined };
}

/**
 * The error JSONata reports when a match runs past {@link REGEX_TIMEOUT_MS} (a plain object, as JSONata's own are).
 * @internal
 */
export function regexTimeoutError(source: string): { message: string } {
  return {
    message:
      `Regular expression /${source}/ ran longer than the ${REGEX_TIMEOUT_MS} ms matching limit ` +
      '(catastrophic backtracking: avoid nested quantifiers such as (a+)+).',
  };
}

/** One `exec` in the worker, blocking this thread at most {@link REGEX_TIMEOUT_MS}. */
function execBounded(source: string, flags: string, text: string, lastIndex: number): Reply {
  runner ??= startRunner();
  const r = runner;
  Atomics.store(r.flag, 0, 0);
  r.port.postMessage({ source, flags, text: r.text === text ? null : text, lastIndex });
  r.text = text;
  if (Atomics.wait(r.flag, 0, 0, REGEX_TIMEOUT_MS) === 'timed-out') {
    // The worker is stuck in the match: kill it; the next match starts a fresh one.
    void r.worker.terminate();
    runner = undefined;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- JSONata errors are plain objects
    throw regexTimeoutError(source);
  }
  return receiveMessageOnPort(r.port)!.message as Reply;
}

/**
 * The regular-expression engine JSONata evaluations use: V8's `RegExp`, run in a worker thread so a
 * catastrophically backtracking pattern costs at most {@link REGEX_TIMEOUT_MS} and never blocks the process.
 *
 * @remarks
 * JSONata only calls `exec` and reads/writes `lastIndex` on its engine, so this class implements just that, with
 * the exact semantics of `RegExp` (same engine). See docs/decisions/007.
 * @internal
 */
export class BoundedRegExp {
  readonly source: string;
  readonly flags: string;
  lastIndex = 0;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
  }

  exec(text: string): RegExpExecArray | null {
    const reply = execBounded(this.source, this.flags, text, this.lastIndex);
    this.lastIndex = reply.lastIndex;
    if (reply.groups === null) return null;
    return Object.assign(reply.groups as string[], { index: reply.index, input: text }) as RegExpExecArray;
  }
}
