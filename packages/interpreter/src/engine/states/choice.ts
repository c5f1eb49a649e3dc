import type { ChoiceState, JsonValue } from '@step/asl';
import { StatesFailure } from '../../StatesFailure.js';
import { baseState } from '../baseState.js';
import { isPromise } from '../model.js';
import type { CompiledState, MaybePromise, Outcome } from '../model.js';
import type { Visit } from '../Visit.js';
import type { Finish, Read, StateModule } from './FieldReader.js';

interface Rule {
  test: Read<boolean>;
  finish: Finish;
  nextName: string;
}

/**
 * Choice: the first rule whose test holds (in order) picks the next state, its end applying the state's and the
 * rule's Assign (JSONata: and the rule's Output); none holding, `Default`, else `States.NoChoiceMatched`. Synchronous
 * in JSONPath.
 *
 * @example
 * ```ts
 * const st = compileChoice('C', { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'A' }], Default: 'B' }, jsonPathReader, child);
 * ```
 * @internal
 */
export const compileChoice: StateModule<ChoiceState> = (name, state, reader) => {
  const st = baseState(name, state, reader.jsonata);
  const input = reader.input(state);
  const rules: Rule[] = (state.Choices ?? []).map((rule) => ({
    test: reader.condition(rule),
    finish: reader.finish(state, 'input', rule),
    nextName: String(rule.Next),
  }));
  const otherwise = reader.finish(state, 'input');
  const defaultName = state.Default;
  const targets: (CompiledState | undefined)[] = [];
  st.link = (resolve) => {
    rules.forEach((r, i) => (targets[i] = resolve(r.nextName)));
    if (defaultName !== undefined) st.defaultState = resolve(defaultName);
  };
  const otherwiseOf = (visit: Visit, raw: JsonValue, effective: JsonValue): MaybePromise<Outcome> => {
    if (st.defaultState === undefined) throw new StatesFailure('States.NoChoiceMatched', 'No Matches!');
    return otherwise(visit, raw, effective, effective, st.defaultState);
  };
  /** The rest of the rules once a test answered with a promise (JSONata): one async function, no promise chain. */
  const pickAsync = async (
    visit: Visit,
    raw: JsonValue,
    effective: JsonValue,
    from: number,
    first: Promise<boolean>,
  ): Promise<Outcome> => {
    let holds = await first;
    for (let i = from; ;) {
      if (holds) {
        const o = rules[i]!.finish(visit, raw, effective, effective, targets[i]);
        return isPromise(o) ? await o : o;
      }
      if (++i >= rules.length) break;
      const t = rules[i]!.test(visit, effective);
      holds = isPromise(t) ? await t : t;
    }
    const o = otherwiseOf(visit, raw, effective);
    return isPromise(o) ? await o : o;
  };
  const pick = (visit: Visit, raw: JsonValue, effective: JsonValue): MaybePromise<Outcome> => {
    for (let i = 0; i < rules.length; i++) {
      const holds = rules[i]!.test(visit, effective);
      if (isPromise(holds)) return pickAsync(visit, raw, effective, i, holds);
      if (holds) return rules[i]!.finish(visit, raw, effective, effective, targets[i]);
    }
    return otherwiseOf(visit, raw, effective);
  };
  st.exec = (visit, raw) => pick(visit, raw, input(visit, raw));
  return st;
};
