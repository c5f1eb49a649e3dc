import { AwsServiceError } from '../AwsServiceError.js';
import { parseTimeMode } from './timeControl.js';
import type { TimeMode } from './timeControl.js';

/**
 * What a StartExecution's `stateMachineArn` asks for: the state machine, and the two local-only suffixes.
 * @internal
 */
export interface StartTarget {
  stateMachineArn: string;
  /** `#<test case>`: the MockConfigFile test case, as AWS Step Functions Local reads it. */
  testCase?: string;
  /** `?time=<mode>`: this execution's time mode (a `step-cli local` extension). */
  time?: TimeMode;
}

const TIME_SUFFIX = /\?time=([^?#]*)$/;

/**
 * Splits `arn...:stateMachine:Name[#TestCase][?time=skip|real|scale=N]`. Neither `#` nor `?` can occur in a real
 * state machine ARN, so real names are never misread; a plain ARN comes back as is.
 * @internal
 */
export function parseStartTarget(arn: string): StartTarget {
  let rest = arn;
  const target: StartTarget = { stateMachineArn: arn };
  const t = TIME_SUFFIX.exec(rest);
  if (t !== null) {
    const time = parseTimeMode(t[1]!);
    if (time === undefined) {
      throw new AwsServiceError(
        'ValidationException',
        `The state machine ARN ends with '?time=${t[1]}'; use ?time=skip, ?time=real or ?time=scale=<number above 0> (e.g. scale=0.01).`,
      );
    }
    target.time = time;
    rest = rest.slice(0, t.index);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    const testCase = rest.slice(hash + 1);
    if (testCase === '') {
      throw new AwsServiceError(
        'ValidationException',
        `The state machine ARN '${arn}' ends with '#' but names no test case: use <state machine ARN>#<test case>.`,
      );
    }
    target.testCase = testCase;
    rest = rest.slice(0, hash);
  }
  target.stateMachineArn = rest;
  return target;
}
