/**
 * Options of {@link validate} and {@link assertValid}.
 *
 * @example
 * ```ts
 * const options: ValidateOptions = { strict: 'warn', stateMachineType: 'EXPRESS' };
 * validate(definitionSentToUpdateStateMachine, { placeholders: false }); // `{{aws_region}}` left in: INVALID_RESOURCE
 * ```
 */
export interface ValidateOptions {
  /** Unknown fields: `true` (default) is an error, `'warn'` a warning, `false` ignores them. */
  strict?: boolean | 'warn';
  /** `EXPRESS` rejects `.sync`, `.waitForTaskToken` and activities. Default `STANDARD`. */
  stateMachineType?: 'STANDARD' | 'EXPRESS';
  /**
   * Task `Resource` placeholders (`${MyFunctionArn}` of CloudFormation's `DefinitionSubstitutions`, `{{lambda_name}}`
   * of the TaskFn template): `true` (default) accepts them, as they are filled in before AWS sees the definition;
   * `false` rejects them as AWS itself does (`INVALID_RESOURCE`), for definitions sent to the Step Functions API.
   */
  placeholders?: boolean;
}
