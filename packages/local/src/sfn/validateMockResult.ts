import type { JsonValue } from '@step/asl';

/** The JSON type a field of an integration's result must have. */
type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'any' | { listOf: Shape };

/** An integration result's shape: its fields, and which of them AWS's API model requires. */
interface Shape {
  fields: Record<string, FieldType>;
  required?: readonly string[];
}

const PUT_EVENTS_ENTRY: Shape = { fields: { EventId: 'string', ErrorCode: 'string', ErrorMessage: 'string' } };

/**
 * The result shapes TestState checks a mocked result against, by Task `Resource`: the request-response
 * integrations whose API output Step Functions returns as the task result. Fields a shape does not list are
 * allowed (AWS accepts them too); other resources are not checked.
 */
const RESULT_SHAPES: Record<string, Shape> = {
  'arn:aws:states:::lambda:invoke': {
    fields: {
      StatusCode: 'integer',
      FunctionError: 'string',
      LogResult: 'string',
      ExecutedVersion: 'string',
      Payload: 'any',
    },
  },
  'arn:aws:states:::states:startExecution': {
    fields: { ExecutionArn: 'string', StartDate: 'string' },
    required: ['ExecutionArn', 'StartDate'],
  },
  'arn:aws:states:::events:putEvents': {
    fields: { FailedEntryCount: 'integer', Entries: { listOf: PUT_EVENTS_ENTRY } },
  },
  'arn:aws:states:::sqs:sendMessage': {
    fields: {
      MD5OfMessageBody: 'string',
      MD5OfMessageAttributes: 'string',
      MD5OfMessageSystemAttributes: 'string',
      MessageId: 'string',
      SequenceNumber: 'string',
    },
  },
  'arn:aws:states:::sns:publish': { fields: { MessageId: 'string', SequenceNumber: 'string' } },
};

/** The Task resources whose mocked results {@link validateMockResult} checks. */
export const VALIDATED_MOCK_RESOURCES: readonly string[] = Object.keys(RESULT_SHAPES);

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a number',
  boolean: 'a boolean',
  object: 'an object',
};

function typeProblem(name: string, type: FieldType, value: JsonValue): string | undefined {
  if (type === 'any') return undefined;
  if (typeof type === 'object') {
    if (!Array.isArray(value)) return `Field '${name}' must be an array`;
    for (const item of value) {
      const problem = shapeProblem(type.listOf, item, 'PRESENT');
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const ok =
    type === 'integer'
      ? typeof value === 'number' && Number.isInteger(value)
      : type === 'object'
        ? typeof value === 'object' && value !== null && !Array.isArray(value)
        : typeof value === type;
  return ok ? undefined : `Field '${name}' must be ${ARTICLE[type]}`;
}

function shapeProblem(shape: Shape, value: JsonValue, mode: 'STRICT' | 'PRESENT'): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'The mocked result must be an object';
  if (mode === 'STRICT') {
    for (const name of shape.required ?? []) if (!(name in value)) return `Required field '${name}' is missing`;
  }
  for (const [name, type] of Object.entries(shape.fields)) {
    const field = value[name];
    if (field === undefined) continue;
    const problem = typeProblem(name, type, field);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * Checks a TestState `mock.result` against the API output of the Task's integration, as `fieldValidationMode`
 * asks: `STRICT` (the default) also requires the fields AWS's model requires, `PRESENT` checks only the fields
 * given, `NONE` checks nothing. Returns AWS's message for the first problem, or `undefined`.
 *
 * @remarks
 * Pure. Only the integrations in {@link VALIDATED_MOCK_RESOURCES} are known here; any other resource's result passes.
 * @internal
 */
export function validateMockResult(
  resource: string,
  result: JsonValue,
  mode: 'STRICT' | 'PRESENT' | 'NONE',
): string | undefined {
  const shape = RESULT_SHAPES[resource];
  if (shape === undefined || mode === 'NONE') return undefined;
  const problem = shapeProblem(shape, result, mode);
  return problem === undefined ? undefined : `Mock result schema validation error: ${problem}`;
}
