import { defineMachine } from '@step/lambda';
import definition from '../hello.asl.json' with { type: 'json' };
import { hello } from './hello.js';

/**
 * The Hello World machine: the ASL of `hello.asl.json` with the handler of its `Hello` TaskFn state.
 *
 * @example
 * ```ts
 * const result = await machine.run({ input: {} }); // output { Greeting: 'Hello World' }
 * ```
 */
export const machine = defineMachine({ definition, handlers: { Hello: hello } });

/** The Lambda handler (`step-cli package src/machine.ts` bundles it as `index.handler`). */
export const handler = machine.handler;
