import type { Diagnostic } from '../diagnostic.js';
import { INTRINSIC_FUNCTIONS } from '../intrinsics/intrinsicFunctions.js';
import { isIntrinsicCall, parseIntrinsic } from '../intrinsics/parseIntrinsic.js';
import { checkJsonata } from '../jsonata/checkJsonata.js';
import { getJsonataExpression } from '../jsonata/getJsonataExpression.js';
import { parsePath } from '../jsonpath/parsePath.js';
import { encodePointerToken } from '../pointer.js';
import type { QueryLanguage, StateType } from '../types.js';
import {
  CATCHER_FIELDS,
  CHOICE_OPERATORS,
  ITEM_BATCHER,
  ITEM_READER,
  JSONATA_RULE_FIELDS,
  RESULT_WRITER,
  RETRIER_FIELDS,
  SCOPE_FIELDS,
  STATE_FIELDS,
  STATE_TYPES,
  TOP_FIELDS,
  wrongLanguageMessage,
} from './fieldTables.js';
import type { SubCheck, SubSpec } from './fieldTables.js';
import { checkChoiceOperand, getChoiceRuleOperator } from './rules/choiceRuleOperator.js';
import { checkDistributedOnlyFields } from './rules/distributedOnlyFields.js';
import { checkErrorEquals } from './rules/errorEquals.js';
import { checkExclusiveFields } from './rules/exclusiveFields.js';
import { checkHeartbeatBelowTimeout } from './rules/heartbeatBelowTimeout.js';
import { getIntrinsicFacts } from './rules/intrinsicArguments.js';
import { checkJsonataStatesFields } from './rules/jsonataStatesFields.js';
import { checkMapLabel } from './rules/mapLabel.js';
import { checkPassResultIsStatic } from './rules/passResultIsStatic.js';
import { checkReachability } from './rules/reachability.js';
import { checkRetrierFields } from './rules/retrierFields.js';
import { checkStateName } from './rules/stateNames.js';
import { checkTaskResource } from './rules/taskResource.js';
import { checkTerminalState } from './rules/terminalState.js';
import { checkTransitionTargets } from './rules/transitionTargets.js';
import { checkUnassignedVariables } from './rules/unassignedVariables.js';
import { checkVariableName } from './rules/variableName.js';
import { checkVariableShadowing, collectOuterVariables } from './rules/variableScopes.js';
import { checkWaitDuration } from './rules/waitDuration.js';
import type { RuleReporter, ScopeFacts } from './scopeFacts.js';
import type { ValidateOptions } from './validateOptions.js';
import { closestName } from './closestName.js';
import { isTimestamp } from './isTimestamp.js';
import { MAX_STATE_NESTING } from './nestingLimits.js';

type Obj = Record<string, unknown>;

const SCHEMA = 'SCHEMA_VALIDATION_FAILED';
const MISSING_TARGET = 'MISSING_TRANSITION_TARGET';
const MAX_INT = 99999999;
const TYPE_MESSAGE = `The field 'Type' should have one of these values: [${STATE_TYPES.join(', ')}]`;
const PATH_LIKE = /^\$\$?(?:\.|\[|$)/;
/** A literal field and its `*Path` twin. */
type FieldPair = readonly [string, string];
const TASK_TIMING_FIELDS: readonly FieldPair[] = [
  ['TimeoutSeconds', 'TimeoutSecondsPath'],
  ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
];
const FAIL_FIELDS: readonly FieldPair[] = [
  ['Error', 'ErrorPath'],
  ['Cause', 'CausePath'],
];
const MAP_LITERAL_PATH_FIELDS: readonly FieldPair[] = [
  ['MaxConcurrency', 'MaxConcurrencyPath'],
  ['ToleratedFailureCount', 'ToleratedFailureCountPath'],
  ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
];
function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The pointer of `parent`'s member `key`; built only when a diagnostic or a variable read needs it. */
function childPointer(parent: string, key: string): string {
  return `${parent}/${encodePointerToken(key)}`;
}

/** `key.endsWith('.$')`, without the builtin call: it runs for every key of every payload template. */
function isDynamicKey(key: string): boolean {
  const n = key.length;
  return n >= 2 && key.charCodeAt(n - 1) === 36 /* $ */ && key.charCodeAt(n - 2) === 46; /* . */
}

function looksLikePath(v: string): boolean {
  return PATH_LIKE.test(v) || isIntrinsicCall(v);
}

type Scope = ScopeFacts;

interface StateCtx {
  name: string;
  pointer: string;
  type: StateType;
  lang: QueryLanguage;
  scope: Scope;
}

/**
 * Walks a parsed definition once and records every diagnostic.
 * @internal
 */
export class Validator {
  readonly diagnostics: Diagnostic[] = [];
  private readonly strict: boolean | 'warn';
  private readonly express: boolean;
  private readonly placeholders: boolean;
  private readonly stateNames: ReadonlyMap<object, readonly string[]>;
  private topLang: QueryLanguage = 'JSONPath';
  private readonly allNames = new Map<string, string>();
  private readonly labels = new Map<string, string>();
  private readonly scopes: Scope[] = [];
  private readonly reporter: RuleReporter = {
    error: (code, path, message, params) => this.error(code, path, message, params),
    warn: (code, path, message, params) => this.warn(code, path, message, params),
  };

  /**
   * @param stateNames - keys of `States` objects already enumerated (by `expandTaskFnRecordingNames`), reused
   * instead of enumerating them again.
   */
  constructor(options: ValidateOptions, stateNames: ReadonlyMap<object, readonly string[]> = new Map()) {
    this.stateNames = stateNames;
    this.strict = options.strict ?? true;
    this.express = options.stateMachineType === 'EXPRESS';
    this.placeholders = options.placeholders ?? true;
  }

  private error(code: string, path: string, message: string, params?: Record<string, unknown>): void {
    const d: Diagnostic = { code, severity: 'error', path, message };
    if (params !== undefined) d.params = params;
    this.diagnostics.push(d);
  }

  private warn(code: string, path: string, message: string, params?: Record<string, unknown>): void {
    const d: Diagnostic = { code, severity: 'warning', path, message };
    if (params !== undefined) d.params = params;
    this.diagnostics.push(d);
  }

  private unsupported(path: string, field: string, allowed?: Iterable<string>): void {
    if (this.strict === false) return;
    const suggestion = allowed === undefined ? undefined : closestName(field, allowed);
    const d: Diagnostic = {
      code: SCHEMA,
      severity: this.strict === 'warn' ? 'warning' : 'error',
      path: `${path}/${encodePointerToken(field)}`,
      message: `Field '${field}' is not supported`,
      params: suggestion === undefined ? { field } : { field, suggestion },
    };
    this.diagnostics.push(d);
  }

  private required(path: string, fields: string[]): void {
    this.error(SCHEMA, path, `These fields are required: [${fields.join(', ')}]`, { fields });
  }

  private typeError(path: string, field: string, expected: string): void {
    this.error(SCHEMA, path, `The field '${field}' must be ${expected}`, { field, expected });
  }

  // ---------------------------------------------------------------- definition

  definition(def: Obj): void {
    const ql = def.QueryLanguage;
    if (ql !== undefined) {
      if (ql !== 'JSONPath' && ql !== 'JSONata') {
        this.error(
          SCHEMA,
          '/QueryLanguage',
          "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]",
          {
            field: 'QueryLanguage',
          },
        );
      }
      this.topLang = ql === 'JSONPath' ? 'JSONPath' : 'JSONata';
    }
    for (const key in def) {
      if (def[key] === undefined) continue; // JSON.stringify drops it: AWS never sees it
      if (!TOP_FIELDS.has(key)) this.unsupported('', key, TOP_FIELDS);
    }
    if (def.Comment !== undefined && typeof def.Comment !== 'string') this.typeError('/Comment', 'Comment', 'a string');
    if (def.Version !== undefined && def.Version !== '1.0') {
      this.error(SCHEMA, '/Version', "The field 'Version' should have one of these values: [1.0]", {
        field: 'Version',
      });
    }
    if (
      def.TimeoutSeconds !== undefined &&
      !(isInt(def.TimeoutSeconds) && def.TimeoutSeconds > 0 && def.TimeoutSeconds <= MAX_INT)
    ) {
      this.typeError('/TimeoutSeconds', 'TimeoutSeconds', `a positive integer no greater than ${MAX_INT}`);
    }
    this.scope(def, '', undefined, false, true);
  }

  private scope(
    obj: Obj,
    pointer: string,
    parent: Scope | undefined,
    distributed: boolean,
    top: boolean,
    owner?: string,
  ): void {
    let nesting = 0;
    for (let s = parent; s !== undefined; s = s.parent) nesting++;
    if (nesting > MAX_STATE_NESTING) {
      this.error(
        'TOO_DEEPLY_NESTED',
        pointer,
        `Parallel branches and Map processors nest more than ${MAX_STATE_NESTING} levels deep here; flatten the machine`,
        {
          limit: MAX_STATE_NESTING,
        },
      );
      return;
    }
    const missing: string[] = [];
    if (obj.States === undefined) missing.push('States');
    if (obj.StartAt === undefined) missing.push('StartAt');
    if (missing.length > 0) this.required(pointer, missing);
    if (!top) {
      for (const key in obj) {
        if (obj[key] === undefined) continue;
        if (!SCOPE_FIELDS.has(key)) this.unsupported(pointer, key);
      }
      if (obj.Comment !== undefined && typeof obj.Comment !== 'string')
        this.typeError(`${pointer}/Comment`, 'Comment', 'a string');
    }
    const scope: Scope = {
      pointer,
      names: new Map(),
      edges: [],
      terminals: 0,
      assigns: new Map(),
      assignPointers: new Map(),
      reads: new Map(),
      parent,
      owner,
      outer: new Set(),
      distributed,
      adjacency: new Map(),
      reached: undefined,
    };
    this.scopes.push(scope);
    const states = obj.States;
    if (states !== undefined) {
      if (!isObj(states)) {
        this.typeError(`${pointer}/States`, 'States', 'an object of state name to state');
      } else {
        const statesPointer = `${pointer}/States`;
        // Enumerate once: a large States object is in dictionary mode, where every for...in rebuilds the key list.
        const names = this.stateNames.get(states) ?? Object.keys(states);
        const pointers: string[] = [];
        for (const name of names) {
          const sp = `${statesPointer}/${encodePointerToken(name)}`;
          pointers.push(sp);
          scope.names.set(name, sp);
          checkStateName(name, sp, this.allNames, this.reporter);
        }
        if (names.length === 0) this.error(SCHEMA, statesPointer, 'Value cannot be empty', { field: 'States' });
        for (let i = 0; i < names.length; i++) {
          const name = names[i] as string;
          this.state(states[name], name, pointers[i] as string, scope);
        }
      }
    }
    const startAt = obj.StartAt;
    let startOk = false;
    if (startAt !== undefined) {
      if (typeof startAt !== 'string') {
        this.typeError(`${pointer}/StartAt`, 'StartAt', 'a string naming a state');
      } else if (isObj(states)) {
        if (scope.names.has(startAt)) startOk = true;
        else {
          const suggestion = closestName(startAt, scope.names.keys());
          const params = suggestion === undefined ? { target: startAt } : { target: startAt, suggestion };
          this.error(MISSING_TARGET, `${pointer}/StartAt`, `Missing 'StartAt' target: ${startAt}`, params);
        }
      }
    }
    this.graphRules(scope, startOk ? (startAt as string) : undefined);
  }

  private graphRules(scope: Scope, startAt: string | undefined): void {
    checkTransitionTargets(scope, this.reporter);
    if (checkTerminalState(scope, this.reporter) && startAt !== undefined && scope.names.size > 0) {
      checkReachability(scope, startAt, this.reporter);
    }
  }

  /** Runs the rules that need every scope walked: variable shadowing and unassigned reads. */
  finish(): void {
    collectOuterVariables(this.scopes);
    for (const scope of this.scopes) {
      checkVariableShadowing(scope, this.reporter);
      checkUnassignedVariables(scope, this.reporter);
    }
  }

  // ---------------------------------------------------------------- states

  private state(value: unknown, name: string, pointer: string, scope: Scope): void {
    if (!isObj(value)) {
      this.typeError(pointer, name, 'an object (a state)');
      scope.terminals++;
      return;
    }
    const type = value.Type;
    if (type === undefined || typeof type !== 'string' || !(type in STATE_FIELDS)) {
      if (type === undefined) this.required(pointer, ['Type']);
      else {
        const suggestion = typeof type === 'string' ? closestName(type, STATE_TYPES) : undefined;
        this.error(
          SCHEMA,
          `${pointer}/Type`,
          TYPE_MESSAGE,
          suggestion === undefined ? { field: 'Type', value: type } : { field: 'Type', value: type, suggestion },
        );
      }
      // Keep the graph rules quiet about a state we cannot read: its edges and terminality are unknown.
      scope.terminals++;
      if (typeof value.Next === 'string') scope.edges.push({ from: name, to: value.Next, pointer: `${pointer}/Next` });
      return;
    }
    const stateType = type as StateType;
    let lang = this.topLang;
    const ql = value.QueryLanguage;
    if (ql !== undefined) {
      if (ql !== 'JSONPath' && ql !== 'JSONata') {
        this.error(
          SCHEMA,
          `${pointer}/QueryLanguage`,
          "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]",
          {
            field: 'QueryLanguage',
          },
        );
        lang = 'JSONata';
      } else if (ql === 'JSONPath' && this.topLang === 'JSONata') {
        this.error(
          SCHEMA,
          pointer,
          "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
          {
            field: 'QueryLanguage',
          },
        );
        lang = 'JSONPath';
      } else {
        lang = ql;
      }
    }
    const ctx: StateCtx = { name, pointer, type: stateType, lang, scope };
    const allowed = STATE_FIELDS[stateType];
    for (const key in value) {
      if (value[key] === undefined) continue;
      const fl = allowed[key];
      if (fl === undefined) this.unsupported(pointer, key, Object.keys(allowed));
      else if (fl === 'P' && lang === 'JSONata')
        this.error(SCHEMA, `${pointer}/${encodePointerToken(key)}`, wrongLanguageMessage(lang, key), { field: key });
      else if (fl === 'A' && lang === 'JSONPath')
        this.error(SCHEMA, `${pointer}/${encodePointerToken(key)}`, wrongLanguageMessage(lang, key), { field: key });
    }
    if (value.Comment !== undefined && typeof value.Comment !== 'string')
      this.typeError(`${pointer}/Comment`, 'Comment', 'a string');

    switch (stateType) {
      case 'Pass':
        this.transition(value, ctx);
        this.commonIo(value, ctx);
        if (lang === 'JSONPath' && value.Result !== undefined)
          checkPassResultIsStatic(value.Result, pointer, this.reporter);
        break;
      case 'Task':
        this.transition(value, ctx);
        this.commonIo(value, ctx);
        this.task(value, ctx);
        this.retryCatch(value, ctx);
        break;
      case 'Choice':
        this.commonIo(value, ctx);
        this.choice(value, ctx);
        break;
      case 'Wait':
        this.transition(value, ctx);
        this.commonIo(value, ctx);
        this.wait(value, ctx);
        break;
      case 'Succeed':
        scope.terminals++;
        this.commonIo(value, ctx);
        break;
      case 'Fail':
        scope.terminals++;
        this.fail(value, ctx);
        break;
      case 'Parallel':
        this.transition(value, ctx);
        this.commonIo(value, ctx);
        this.retryCatch(value, ctx);
        this.parallel(value, ctx);
        break;
      case 'Map':
        this.transition(value, ctx);
        this.commonIo(value, ctx);
        this.retryCatch(value, ctx);
        this.map(value, ctx);
        break;
    }
  }

  private transition(value: Obj, ctx: StateCtx): void {
    const { Next: next, End: end } = value;
    if (next !== undefined && typeof next !== 'string')
      this.typeError(`${ctx.pointer}/Next`, 'Next', 'a string naming a state');
    if (end !== undefined && typeof end !== 'boolean') this.typeError(`${ctx.pointer}/End`, 'End', 'a boolean');
    if (typeof next === 'string') {
      ctx.scope.edges.push({ from: ctx.name, to: next, pointer: `${ctx.pointer}/Next` });
      if (end === true) {
        this.error(SCHEMA, ctx.pointer, "The fields 'Next' and 'End' are mutually exclusive; keep one of them", {
          fields: ['Next', 'End'],
        });
      }
    } else if (end === true) {
      ctx.scope.terminals++;
    } else if (next === undefined) {
      // Count it as terminal so the scope is not also reported as having no terminal state.
      ctx.scope.terminals++;
      this.error(
        SCHEMA,
        ctx.pointer,
        'One of these fields is required: [Next, End]; add "Next": "<state>" or "End": true',
        {
          fields: ['Next', 'End'],
        },
      );
    }
  }

  /** InputPath/OutputPath/Parameters/ResultSelector/ResultPath/Arguments/Output/Assign, whichever the type allows. */
  private commonIo(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    if (ctx.lang === 'JSONPath') {
      if (value.InputPath !== undefined) this.pathField(value.InputPath, p, 'InputPath', 'path', true, ctx);
      if (value.OutputPath !== undefined) this.pathField(value.OutputPath, p, 'OutputPath', 'path', true, ctx);
      if (value.ResultPath !== undefined) this.pathField(value.ResultPath, p, 'ResultPath', 'result', true);
      if (value.Parameters !== undefined && ctx.type !== 'Map') this.template(value.Parameters, `${p}/Parameters`, ctx);
      if (value.ResultSelector !== undefined) {
        if (!isObj(value.ResultSelector)) this.typeError(`${p}/ResultSelector`, 'ResultSelector', 'an object');
        else this.template(value.ResultSelector, `${p}/ResultSelector`, ctx);
      }
    } else {
      if (value.Arguments !== undefined) this.jsonataValue(value.Arguments, `${p}/Arguments`, ctx, 'Arguments');
      if (value.Output !== undefined) this.jsonataValue(value.Output, `${p}/Output`, ctx, 'Output');
    }
    if (value.Assign !== undefined) this.assign(value.Assign, `${p}/Assign`, ctx, ctx.name);
  }

  /**
   * A path-valued field `parent/field`. `kind`: `path` any JSONPath; `reference` a definite path; `result` a definite
   * path on `$`.
   */
  private pathField(
    v: unknown,
    parent: string,
    field: string,
    kind: 'path' | 'reference' | 'result',
    nullable: boolean,
    ctx?: StateCtx,
  ): void {
    if (v === null && nullable) return;
    if (typeof v !== 'string') {
      this.typeError(
        childPointer(parent, field),
        field,
        kind === 'path' ? 'a valid JSONPath' : 'a valid ReferencePath',
      );
      return;
    }
    const r = parsePath(v);
    if (!r.ok) {
      this.error(
        SCHEMA,
        childPointer(parent, field),
        `The value for the field '${field}' must be a valid ${kind === 'path' ? 'JSONPath' : 'ReferencePath'}`,
        {
          field,
          reason: r.message,
        },
      );
      return;
    }
    if (kind !== 'path' && !r.path.definite) {
      this.error(
        SCHEMA,
        childPointer(parent, field),
        `The value for the field '${field}' must be a valid ReferencePath`,
        {
          field,
          reason: 'a reference path can address only one node: no wildcards, slices, unions, filters or ..',
        },
      );
      return;
    }
    if (kind === 'result' && r.path.root.kind !== 'input') {
      this.error(
        SCHEMA,
        childPointer(parent, field),
        `The value for the field '${field}' must be a valid ReferencePath`,
        {
          field,
          reason: `${field} must start with '$' and cannot reference the context object ($$) or a variable`,
        },
      );
      return;
    }
    if (ctx !== undefined && r.path.root.kind === 'variable')
      this.read(ctx, r.path.root.name, childPointer(parent, field));
  }

  private read(ctx: StateCtx, name: string, pointer: string): void {
    let list = ctx.scope.reads.get(ctx.name);
    if (list === undefined) ctx.scope.reads.set(ctx.name, (list = []));
    list.push({ name, pointer });
  }

  /** A JSONPath payload template: `.$` keys take a path or an intrinsic call. */
  private template(v: unknown, pointer: string, ctx: StateCtx): void {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.template(v[i], `${pointer}/${i}`, ctx);
      return;
    }
    if (!isObj(v)) {
      if (typeof v === 'string' && looksLikePath(v) && v !== '$') {
        // a bare string value at the top of Parameters is literal
      }
      return;
    }
    for (const key in v) {
      const child = v[key];
      if (isDynamicKey(key)) {
        this.dynamicValue(child, pointer, key, ctx, false);
      } else if (typeof child === 'string') {
        if (looksLikePath(child)) {
          this.warn(
            'NO_DOLLAR',
            childPointer(pointer, key),
            `The value of field '${key}' looks like a JSONPath or an intrinsic function but is a literal; rename the field to '${key}.$' to evaluate it`,
            {
              field: key,
            },
          );
        }
      } else if (typeof child === 'object' && child !== null) {
        this.template(child, childPointer(pointer, key), ctx);
      }
    }
  }

  /** A `.$` value `parent/field` (or ErrorPath/CausePath): a path or an intrinsic call. */
  private dynamicValue(v: unknown, parent: string, field: string, ctx: StateCtx, stringOnly: boolean): void {
    if (typeof v !== 'string') {
      this.error(SCHEMA, childPointer(parent, field), dynamicValueMessage(field, stringOnly), { field });
      return;
    }
    if (v.startsWith('States.')) {
      const r = parseIntrinsic(v);
      if (!r.ok) {
        this.error(SCHEMA, childPointer(parent, field), dynamicValueMessage(field, stringOnly), {
          field,
          reason: r.message,
        });
        return;
      }
      if (stringOnly && INTRINSIC_FUNCTIONS[r.call.name]?.returnsString !== true) {
        this.error(SCHEMA, childPointer(parent, field), dynamicValueMessage(field, stringOnly), {
          field,
          reason: `${r.call.name} does not return a string`,
        });
        return;
      }
      const { problem, variables } = getIntrinsicFacts(r.call);
      if (problem !== undefined) {
        this.error(SCHEMA, childPointer(parent, field), dynamicValueMessage(field, stringOnly), {
          field,
          reason: problem,
        });
        return;
      }
      if (variables.length > 0) {
        const pointer = childPointer(parent, field);
        for (const name of variables) this.read(ctx, name, pointer);
      }
      return;
    }
    const r = parsePath(v);
    if (!r.ok) {
      this.error(SCHEMA, childPointer(parent, field), dynamicValueMessage(field, stringOnly), {
        field,
        reason: r.message,
      });
      return;
    }
    if (r.path.root.kind === 'variable') this.read(ctx, r.path.root.name, childPointer(parent, field));
  }

  /** A JSONata-mode value: every `{% %}` string at any depth must parse. */
  private jsonataValue(v: unknown, pointer: string, ctx: StateCtx, field: string, errorOutput = false): void {
    if (typeof v === 'string') {
      this.jsonataString(v, pointer, ctx, field, errorOutput);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) this.jsonataValue(v[i], `${pointer}/${i}`, ctx, field, errorOutput);
      return;
    }
    if (isObj(v)) {
      for (const key in v) this.jsonataValue(v[key], `${pointer}/${encodePointerToken(key)}`, ctx, field, errorOutput);
    }
  }

  /** Checks one string in a JSONata field; returns true when it is an expression. */
  private jsonataString(v: string, pointer: string, ctx: StateCtx, field: string, errorOutput = false): boolean {
    const expr = getJsonataExpression(v);
    if (expr === undefined) {
      if (v.startsWith('{%') && !v.trimEnd().endsWith('%}')) {
        this.error(
          SCHEMA,
          pointer,
          `The JSONata expression in field '${field}' must start with '{%' and end with '%}'`,
          { field },
        );
      }
      return false;
    }
    if (expr === '') {
      this.error(
        SCHEMA,
        pointer,
        `The JSONata expression in field '${field}' is empty; write an expression between '{%' and '%}'`,
        { field },
      );
      return true;
    }
    const info = checkJsonata(expr);
    if (info.error !== undefined) {
      this.error(
        SCHEMA,
        pointer,
        `The JSONata expression '${expr}' specified for the field '${field}' is invalid: ${info.error}`,
        {
          field,
          expression: expr,
          reason: info.error,
        },
      );
      return true;
    }
    checkJsonataStatesFields(expr, info, { pointer, field, stateType: ctx.type, inCatch: errorOutput }, this.reporter);
    for (const name of info.variables) this.read(ctx, name, pointer);
    return true;
  }

  /** A number field that JSONata may also give as `{% %}`: checks range when literal. */
  private numberField(
    v: unknown,
    pointer: string,
    field: string,
    ctx: StateCtx,
    min: number,
    max: number,
    integer: boolean,
  ): void {
    if (typeof v === 'string' && ctx.lang === 'JSONata' && this.jsonataString(v, pointer, ctx, field)) return;
    if (typeof v === 'string' && ctx.lang === 'JSONPath' && PATH_LIKE.test(v)) {
      this.warn(
        'NO_PATH',
        pointer,
        `The value of field '${field}' looks like a JSONPath; use '${field}Path' to read it from the input`,
        { field },
      );
    }
    if (typeof v !== 'number' || (integer && !Number.isInteger(v)) || v < min || v > max) {
      const what = integer ? 'an integer' : 'a number';
      this.typeError(
        pointer,
        field,
        `${what} between ${min} and ${max}${ctx.lang === 'JSONata' ? " or a '{% %}' expression" : ''}`,
      );
    }
  }

  private assign(v: unknown, pointer: string, ctx: StateCtx, assigner: string, errorOutput = false): void {
    if (!isObj(v)) {
      this.typeError(pointer, 'Assign', 'an object of variable name to value');
      return;
    }
    const names: string[] = [];
    for (const key in v) {
      const jsonPathDynamic = ctx.lang === 'JSONPath' && isDynamicKey(key);
      const name = jsonPathDynamic ? key.slice(0, -2) : key;
      const kp = `${pointer}/${encodePointerToken(key)}`;
      if (checkVariableName(name, kp, this.reporter)) {
        names.push(name);
        let at = ctx.scope.assignPointers.get(name);
        if (at === undefined) ctx.scope.assignPointers.set(name, (at = []));
        at.push(kp);
      }
      const child = v[key];
      if (ctx.lang === 'JSONPath') {
        if (jsonPathDynamic) this.dynamicValue(child, pointer, key, ctx, false);
        else if (typeof child === 'string' && looksLikePath(child)) {
          this.warn(
            'NO_DOLLAR',
            kp,
            `The value of field '${key}' looks like a JSONPath or an intrinsic function but is a literal; rename the field to '${key}.$' to evaluate it`,
            {
              field: key,
            },
          );
        } else this.template(child, kp, ctx);
      } else {
        this.jsonataValue(child, kp, ctx, 'Assign', errorOutput);
      }
    }
    let list = ctx.scope.assigns.get(assigner);
    if (list === undefined) ctx.scope.assigns.set(assigner, (list = []));
    list.push(...names);
  }

  // ---------------------------------------------------------------- Task

  private task(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    const resource = value.Resource;
    if (resource === undefined) this.required(p, ['Resource']);
    else if (typeof resource !== 'string') this.typeError(`${p}/Resource`, 'Resource', 'a string (an ARN)');
    else checkTaskResource(resource, `${p}/Resource`, this.express, this.reporter, this.placeholders);
    for (const [f, fPath] of TASK_TIMING_FIELDS) {
      const lit = value[f];
      const path = value[fPath];
      if (lit !== undefined) this.numberField(lit, `${p}/${f}`, f, ctx, 1, MAX_INT, true);
      if (path !== undefined && ctx.lang === 'JSONPath') this.pathField(path, p, fPath, 'reference', false, ctx);
      checkExclusiveFields(value, p, f, fPath, this.reporter);
    }
    checkHeartbeatBelowTimeout(value, p, this.reporter);
    const cred = value.Credentials;
    if (cred !== undefined) {
      if (ctx.lang === 'JSONata' && typeof cred === 'string') {
        this.jsonataString(cred, `${p}/Credentials`, ctx, 'Credentials');
      } else if (!isObj(cred)) {
        this.typeError(`${p}/Credentials`, 'Credentials', 'an object with a RoleArn');
      } else {
        const hasDynamic = ctx.lang === 'JSONPath' && cred['RoleArn.$'] !== undefined;
        if (cred.RoleArn === undefined && !hasDynamic) {
          this.error(SCHEMA, `${p}/Credentials`, "The field 'RoleArn' is required but was missing", {
            field: 'RoleArn',
          });
        }
        if (ctx.lang === 'JSONPath') this.template(cred, `${p}/Credentials`, ctx);
        else this.jsonataValue(cred, `${p}/Credentials`, ctx, 'Credentials');
      }
    }
  }

  // ---------------------------------------------------------------- Retry / Catch

  private retryCatch(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    const retry = value.Retry;
    if (retry !== undefined) {
      if (!Array.isArray(retry)) this.typeError(`${p}/Retry`, 'Retry', 'an array of retriers');
      else {
        for (let i = 0; i < retry.length; i++) this.retrier(retry[i], `${p}/Retry/${i}`, i === retry.length - 1);
      }
    }
    const katch = value.Catch;
    if (katch !== undefined) {
      if (!Array.isArray(katch)) this.typeError(`${p}/Catch`, 'Catch', 'an array of catchers');
      else {
        for (let i = 0; i < katch.length; i++) this.catcher(katch[i], `${p}/Catch/${i}`, i === katch.length - 1, ctx);
      }
    }
  }

  private retrier(entry: unknown, pointer: string, last: boolean): void {
    if (!isObj(entry)) {
      this.typeError(pointer, 'Retry', 'an array of objects');
      return;
    }
    if (entry.ErrorEquals === undefined) this.required(pointer, ['ErrorEquals']);
    for (const key in entry) {
      if (!RETRIER_FIELDS.has(key)) this.unsupported(pointer, key);
    }
    checkErrorEquals(entry, pointer, last, this.reporter);
    checkRetrierFields(entry, pointer, this.reporter);
  }

  private catcher(entry: unknown, pointer: string, last: boolean, ctx: StateCtx): void {
    if (!isObj(entry)) {
      this.typeError(pointer, 'Catch', 'an array of objects');
      return;
    }
    const missing: string[] = [];
    if (entry.ErrorEquals === undefined) missing.push('ErrorEquals');
    if (entry.Next === undefined) missing.push('Next');
    if (missing.length > 0) this.required(pointer, missing);
    for (const key in entry) {
      const fl = CATCHER_FIELDS[key];
      if (fl === undefined) this.unsupported(pointer, key);
      else if ((fl === 'P' && ctx.lang === 'JSONata') || (fl === 'A' && ctx.lang === 'JSONPath')) {
        this.error(SCHEMA, `${pointer}/${key}`, wrongLanguageMessage(ctx.lang, key), { field: key });
      }
    }
    checkErrorEquals(entry, pointer, last, this.reporter);
    if (entry.Next !== undefined) {
      if (typeof entry.Next !== 'string') this.typeError(`${pointer}/Next`, 'Next', 'a string naming a state');
      else ctx.scope.edges.push({ from: ctx.name, to: entry.Next, pointer: `${pointer}/Next` });
    }
    if (entry.Comment !== undefined && typeof entry.Comment !== 'string')
      this.typeError(`${pointer}/Comment`, 'Comment', 'a string');
    if (ctx.lang === 'JSONPath') {
      if (entry.ResultPath !== undefined) this.pathField(entry.ResultPath, pointer, 'ResultPath', 'result', true);
    } else if (entry.Output !== undefined) {
      this.jsonataValue(entry.Output, `${pointer}/Output`, ctx, 'Output', true);
    }
    if (entry.Assign !== undefined) this.assign(entry.Assign, `${pointer}/Assign`, ctx, ctx.name, true);
  }

  // ---------------------------------------------------------------- Choice

  private choice(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    const choices = value.Choices;
    if (choices === undefined) this.required(p, ['Choices']);
    else if (!Array.isArray(choices)) this.typeError(`${p}/Choices`, 'Choices', 'a non-empty array of choice rules');
    else if (choices.length === 0) this.error(SCHEMA, `${p}/Choices`, 'Value cannot be empty', { field: 'Choices' });
    else {
      for (let i = 0; i < choices.length; i++) {
        const rp = `${p}/Choices/${i}`;
        if (ctx.lang === 'JSONata') this.jsonataRule(choices[i], rp, ctx);
        else this.jsonPathRule(choices[i], rp, ctx, true);
      }
    }
    const def = value.Default;
    if (def !== undefined) {
      if (typeof def !== 'string') this.typeError(`${p}/Default`, 'Default', 'a string naming a state');
      else ctx.scope.edges.push({ from: ctx.name, to: def, pointer: `${p}/Default` });
    }
  }

  private ruleNext(rule: Obj, pointer: string, ctx: StateCtx): void {
    const next = rule.Next;
    if (next === undefined) this.required(pointer, ['Next']);
    else if (typeof next !== 'string') this.typeError(`${pointer}/Next`, 'Next', 'a string naming a state');
    else ctx.scope.edges.push({ from: ctx.name, to: next, pointer: `${pointer}/Next` });
  }

  private jsonataRule(rule: unknown, pointer: string, ctx: StateCtx): void {
    if (!isObj(rule)) {
      this.typeError(pointer, 'Choices', 'an array of objects');
      return;
    }
    for (const key in rule) {
      if (!JSONATA_RULE_FIELDS.has(key)) {
        if (key in CHOICE_OPERATORS || key === 'Variable' || key === 'And' || key === 'Or' || key === 'Not') {
          this.error(SCHEMA, `${pointer}/${encodePointerToken(key)}`, wrongLanguageMessage('JSONata', key), {
            field: key,
          });
        } else this.unsupported(pointer, key);
      }
    }
    const cond = rule.Condition;
    if (cond === undefined) this.required(pointer, ['Condition']);
    else if (typeof cond === 'string') {
      if (!this.jsonataString(cond, `${pointer}/Condition`, ctx, 'Condition')) {
        this.typeError(`${pointer}/Condition`, 'Condition', "a boolean or a '{% %}' expression");
      }
    } else if (typeof cond !== 'boolean')
      this.typeError(`${pointer}/Condition`, 'Condition', "a boolean or a '{% %}' expression");
    this.ruleNext(rule, pointer, ctx);
    if (rule.Output !== undefined) this.jsonataValue(rule.Output, `${pointer}/Output`, ctx, 'Output');
    if (rule.Assign !== undefined) this.assign(rule.Assign, `${pointer}/Assign`, ctx, ctx.name);
    if (rule.Comment !== undefined && typeof rule.Comment !== 'string')
      this.typeError(`${pointer}/Comment`, 'Comment', 'a string');
  }

  private jsonPathRule(rule: unknown, pointer: string, ctx: StateCtx, top: boolean): void {
    if (!isObj(rule)) {
      this.typeError(pointer, top ? 'Choices' : 'rule', 'an object (a choice rule)');
      return;
    }
    const operators: string[] = [];
    for (const key in rule) {
      if (key in CHOICE_OPERATORS || key === 'And' || key === 'Or' || key === 'Not') operators.push(key);
      else if (key === 'Condition')
        this.error(SCHEMA, `${pointer}/Condition`, wrongLanguageMessage('JSONPath', 'Condition'), { field: key });
      else if (key === 'Next' || key === 'Assign') {
        if (!top) {
          this.error(
            SCHEMA,
            `${pointer}/${key}`,
            `A nested choice rule (inside And, Or or Not) cannot have '${key}'; put it on the top-level rule`,
            {
              field: key,
            },
          );
        }
      } else if (key !== 'Variable' && key !== 'Comment') this.unsupported(pointer, key);
    }
    if (top) this.ruleNext(rule, pointer, ctx);
    if (top && rule.Assign !== undefined) this.assign(rule.Assign, `${pointer}/Assign`, ctx, ctx.name);
    if (rule.Comment !== undefined && typeof rule.Comment !== 'string')
      this.typeError(`${pointer}/Comment`, 'Comment', 'a string');
    const op = getChoiceRuleOperator(operators, pointer, this.reporter);
    if (op === undefined) return;
    const operand = rule[op];
    const opPointer = `${pointer}/${op}`;
    if (op === 'And' || op === 'Or') {
      if (rule.Variable !== undefined) this.unsupported(pointer, 'Variable');
      if (!Array.isArray(operand)) this.typeError(opPointer, op, 'a non-empty array of choice rules');
      else if (operand.length === 0) this.error(SCHEMA, opPointer, 'Value cannot be empty', { field: op });
      else for (let i = 0; i < operand.length; i++) this.jsonPathRule(operand[i], `${opPointer}/${i}`, ctx, false);
      return;
    }
    if (op === 'Not') {
      if (rule.Variable !== undefined) this.unsupported(pointer, 'Variable');
      this.jsonPathRule(operand, opPointer, ctx, false);
      return;
    }
    if (rule.Variable === undefined) this.required(pointer, ['Variable']);
    else this.pathField(rule.Variable, pointer, 'Variable', 'reference', false, ctx);
    if (checkChoiceOperand(op, operand, opPointer, this.reporter))
      this.pathField(operand, pointer, op, 'reference', false, ctx);
  }

  // ---------------------------------------------------------------- Wait / Fail

  private wait(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    checkWaitDuration(value, p, this.reporter);
    if (value.Seconds !== undefined) this.numberField(value.Seconds, `${p}/Seconds`, 'Seconds', ctx, 0, MAX_INT, true);
    const ts = value.Timestamp;
    if (ts !== undefined) {
      if (
        typeof ts === 'string' &&
        ctx.lang === 'JSONata' &&
        this.jsonataString(ts, `${p}/Timestamp`, ctx, 'Timestamp')
      ) {
        // expression
      } else if (typeof ts !== 'string' || !isTimestamp(ts)) {
        if (typeof ts === 'string' && ctx.lang === 'JSONPath' && PATH_LIKE.test(ts)) {
          this.warn(
            'NO_PATH',
            `${p}/Timestamp`,
            "The value of field 'Timestamp' looks like a JSONPath; use 'TimestampPath' to read it from the input",
            {
              field: 'Timestamp',
            },
          );
        }
        // AWS's wording, then the fix.
        this.error(
          SCHEMA,
          `${p}/Timestamp`,
          'String does not match RFC3339 timestamp; write a date-time such as 2016-03-14T01:59:00Z (month 01-12, hour 00-23, Z or an offset)',
          {
            field: 'Timestamp',
            expected: 'an RFC 3339 date-time with an offset',
          },
        );
      }
    }
    if (ctx.lang === 'JSONPath') {
      if (value.SecondsPath !== undefined) this.pathField(value.SecondsPath, p, 'SecondsPath', 'reference', false, ctx);
      if (value.TimestampPath !== undefined)
        this.pathField(value.TimestampPath, p, 'TimestampPath', 'reference', false, ctx);
    }
  }

  private fail(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    for (const [f, fPath] of FAIL_FIELDS) {
      const lit = value[f];
      const path = value[fPath];
      checkExclusiveFields(value, p, f, fPath, this.reporter);
      if (lit !== undefined) {
        if (typeof lit !== 'string') this.typeError(`${p}/${f}`, f, 'a string');
        else if (ctx.lang === 'JSONata') this.jsonataString(lit, `${p}/${f}`, ctx, f);
        else if (PATH_LIKE.test(lit)) {
          this.warn(
            'NO_PATH',
            `${p}/${f}`,
            `The value of field '${f}' looks like a JSONPath; use '${fPath}' to read it from the input`,
            { field: f },
          );
        }
      }
      if (path !== undefined && ctx.lang === 'JSONPath') this.dynamicValue(path, p, fPath, ctx, true);
    }
  }

  // ---------------------------------------------------------------- Parallel / Map

  private parallel(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    const branches = value.Branches;
    if (branches === undefined) this.required(p, ['Branches']);
    else if (!Array.isArray(branches)) this.typeError(`${p}/Branches`, 'Branches', 'a non-empty array of branches');
    else if (branches.length === 0) this.error(SCHEMA, `${p}/Branches`, 'Value cannot be empty', { field: 'Branches' });
    else {
      for (let i = 0; i < branches.length; i++) {
        const b: unknown = branches[i];
        const bp = `${p}/Branches/${i}`;
        if (!isObj(b)) this.typeError(bp, 'Branches', 'an array of objects with StartAt and States');
        else this.scope(b, bp, ctx.scope, false, false, ctx.name);
      }
    }
  }

  private map(value: Obj, ctx: StateCtx): void {
    const p = ctx.pointer;
    const processorKey =
      value.ItemProcessor !== undefined ? 'ItemProcessor' : value.Iterator !== undefined ? 'Iterator' : undefined;
    checkExclusiveFields(value, p, 'ItemProcessor', 'Iterator', this.reporter, 'ItemProcessor');
    let distributed = false;
    if (processorKey === undefined) {
      this.required(p, ['ItemProcessor']);
    } else {
      const proc = value[processorKey];
      const pp = `${p}/${processorKey}`;
      if (!isObj(proc)) this.typeError(pp, processorKey, 'an object with StartAt and States');
      else {
        const { ProcessorConfig: config, ...rest } = proc;
        if (config !== undefined) {
          const cp = `${pp}/ProcessorConfig`;
          if (!isObj(config)) this.typeError(cp, 'ProcessorConfig', 'an object');
          else {
            for (const key in config) if (key !== 'Mode' && key !== 'ExecutionType') this.unsupported(cp, key);
            const mode = config.Mode;
            if (mode !== undefined && mode !== 'INLINE' && mode !== 'DISTRIBUTED') {
              this.error(
                SCHEMA,
                `${cp}/Mode`,
                "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]",
                { field: 'Mode' },
              );
            }
            distributed = mode === 'DISTRIBUTED';
            const et = config.ExecutionType;
            if (et !== undefined && et !== 'STANDARD' && et !== 'EXPRESS') {
              this.error(
                SCHEMA,
                `${cp}/ExecutionType`,
                "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]",
                {
                  field: 'ExecutionType',
                },
              );
            }
            if (distributed && et === undefined) this.required(cp, ['ExecutionType']);
          }
        }
        this.scope(rest, pp, ctx.scope, distributed, false, ctx.name);
      }
    }
    if (!distributed) checkDistributedOnlyFields(value, p, this.reporter);
    if (ctx.lang === 'JSONPath') {
      if (value.ItemsPath !== undefined) this.pathField(value.ItemsPath, p, 'ItemsPath', 'reference', false, ctx);
      if (value.MaxConcurrencyPath !== undefined)
        this.pathField(value.MaxConcurrencyPath, p, 'MaxConcurrencyPath', 'reference', false, ctx);
      if (value.ToleratedFailureCountPath !== undefined) {
        this.pathField(value.ToleratedFailureCountPath, p, 'ToleratedFailureCountPath', 'reference', false, ctx);
      }
      if (value.ToleratedFailurePercentagePath !== undefined) {
        this.pathField(
          value.ToleratedFailurePercentagePath,
          p,
          'ToleratedFailurePercentagePath',
          'reference',
          false,
          ctx,
        );
      }
      if (value.Parameters !== undefined) this.template(value.Parameters, `${p}/Parameters`, ctx);
      if (value.ItemSelector !== undefined) this.template(value.ItemSelector, `${p}/ItemSelector`, ctx);
      checkExclusiveFields(value, p, 'ItemSelector', 'Parameters', this.reporter, 'ItemSelector');
    } else {
      if (value.Items !== undefined) {
        const items = value.Items;
        if (typeof items === 'string') {
          if (!this.jsonataString(items, `${p}/Items`, ctx, 'Items'))
            this.typeError(`${p}/Items`, 'Items', "an array or a '{% %}' expression");
        } else if (!Array.isArray(items)) this.typeError(`${p}/Items`, 'Items', "an array or a '{% %}' expression");
        else this.jsonataValue(items, `${p}/Items`, ctx, 'Items');
      }
      if (value.ItemSelector !== undefined)
        this.jsonataValue(value.ItemSelector, `${p}/ItemSelector`, ctx, 'ItemSelector');
    }
    for (const [f, fPath] of MAP_LITERAL_PATH_FIELDS) checkExclusiveFields(value, p, f, fPath, this.reporter);
    if (value.MaxConcurrency !== undefined)
      this.numberField(value.MaxConcurrency, `${p}/MaxConcurrency`, 'MaxConcurrency', ctx, 0, MAX_INT, true);
    if (value.ToleratedFailureCount !== undefined) {
      this.numberField(
        value.ToleratedFailureCount,
        `${p}/ToleratedFailureCount`,
        'ToleratedFailureCount',
        ctx,
        0,
        MAX_INT,
        true,
      );
    }
    if (value.ToleratedFailurePercentage !== undefined) {
      this.numberField(
        value.ToleratedFailurePercentage,
        `${p}/ToleratedFailurePercentage`,
        'ToleratedFailurePercentage',
        ctx,
        0,
        100,
        false,
      );
    }
    if (value.Label !== undefined) checkMapLabel(value.Label, `${p}/Label`, this.labels, this.reporter);
    if (value.ItemReader !== undefined) {
      this.subObject(value.ItemReader, `${p}/ItemReader`, 'ItemReader', ITEM_READER, ctx);
      if (isObj(value.ItemReader) && value.ItemReader.Resource === undefined)
        this.required(`${p}/ItemReader`, ['Resource']);
    }
    if (value.ItemBatcher !== undefined)
      this.subObject(value.ItemBatcher, `${p}/ItemBatcher`, 'ItemBatcher', ITEM_BATCHER, ctx);
    if (value.ResultWriter !== undefined)
      this.subObject(value.ResultWriter, `${p}/ResultWriter`, 'ResultWriter', RESULT_WRITER, ctx);
  }

  /** Checks a nested configuration object (ItemReader, ItemBatcher, ResultWriter...) against its field table. */
  private subObject(v: unknown, pointer: string, field: string, spec: SubSpec, ctx: StateCtx): void {
    if (!isObj(v)) {
      this.typeError(pointer, field, 'an object');
      return;
    }
    for (const key in spec) {
      if (key.endsWith('Path') && spec[key.slice(0, -4)] !== undefined)
        checkExclusiveFields(v, pointer, key.slice(0, -4), key, this.reporter);
    }
    for (const key in v) {
      const f = spec[key];
      const kp = `${pointer}/${encodePointerToken(key)}`;
      if (f === undefined) {
        this.unsupported(pointer, key);
        continue;
      }
      if ((f.lang === 'P' && ctx.lang === 'JSONata') || (f.lang === 'A' && ctx.lang === 'JSONPath')) {
        this.error(SCHEMA, kp, wrongLanguageMessage(ctx.lang, key), { field: key });
        continue;
      }
      const child = v[key];
      const check = f.check;
      if (check === 'string') {
        if (typeof child !== 'string') this.typeError(kp, key, 'a string');
      } else if (check === 'template') {
        if (ctx.lang === 'JSONPath') this.template(child, kp, ctx);
        else this.jsonataValue(child, kp, ctx, key);
      } else if (check === 'path') {
        this.pathField(child, pointer, key, 'reference', false, ctx);
      } else if (check === 'stringArray') {
        if (!Array.isArray(child) || !child.every((x) => typeof x === 'string'))
          this.typeError(kp, key, 'an array of strings');
      } else if (isEnum(check)) {
        if (typeof child !== 'string' || !check.includes(child)) {
          this.error(SCHEMA, kp, `The field '${key}' should have one of these values: [${check.join(', ')}]`, {
            field: key,
          });
        }
      } else if ('max' in check) {
        this.numberField(child, kp, key, ctx, check.min, check.max, true);
      } else {
        this.subObject(child, kp, key, check.object, ctx);
      }
    }
  }
}

function isEnum(check: SubCheck): check is readonly string[] {
  return Array.isArray(check);
}

function dynamicValueMessage(field: string, stringOnly: boolean): string {
  return stringOnly
    ? `The value for the field '${field}' must be a valid JSONPath or an intrinsic function expression that returns a string (ArrayGetItem, Base64Encode, Base64Decode, Format, JsonToString, Hash, or UUID)`
    : `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`;
}
