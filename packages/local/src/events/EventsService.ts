import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../AwsServiceError.js';
import { header, jsonResponse, parseJsonBody } from '../http.js';
import type { LocalRequest, LocalResponse } from '../http.js';
import type { LocalStore } from '../LocalStore.js';
import { errorResponse } from '../protocol/errorResponse.js';
import type { SqsService } from '../sqs/SqsService.js';
import { matchesEventPattern } from './matchesEventPattern.js';

/** How many put events are kept for `GET /_step/events/events` (the oldest go first). */
const EVENTS_KEPT = 1000;
const MAX_ENTRIES = 10;
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/**
 * One event as EventBridge delivers it to targets, and as `GET /_step/events/events` lists it.
 * @internal
 */
export interface EventRecord {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  'event-bus-name': string;
}

interface Target {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
}

/** One rule, as persisted in `events/rules.json` with the others. */
interface RuleRecord {
  name: string;
  eventBusName: string;
  arn: string;
  eventPattern?: string;
  state: string;
  description?: string;
  targets: Target[];
}

type Input = Record<string, unknown>;

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message, 400);
}

function diskFailure(): AwsServiceError {
  return new AwsServiceError('InternalException', 'step-cli local could not write its data directory', 500);
}

function busName(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'default';
  return value.startsWith('arn:') ? value.split('/').pop()! : value;
}

/**
 * The local EventBridge (AWS JSON 1.1, `X-Amz-Target: AWSEvents.<Operation>`): PutEvents, and rules whose SQS
 * targets receive the matching events.
 *
 * @remarks
 * Every event put gets an id and is kept (the last 1000, readable at `GET /_step/events/events`); an event that
 * matches an enabled rule's pattern is sent to each of the rule's targets that is a queue of the built-in SQS
 * (other targets are kept but not called). Any event bus name is accepted. Changes are written before they are
 * applied.
 * @internal
 */
export class EventsService {
  readonly #store: LocalStore;
  readonly #accountId: string;
  readonly #sqs: SqsService;
  #rules: RuleRecord[];
  #events: EventRecord[];
  readonly #operations: Readonly<Record<string, (input: Input, req: LocalRequest) => unknown>> = {
    PutEvents: (input, req) => this.#putEvents(input, req.region),
    PutRule: (input, req) => this.#putRule(input, req.region),
    DescribeRule: (input) => describe(this.#rule(input.Name, input.EventBusName)),
    ListRules: (input) => ({
      Rules: this.#rules
        .filter((r) => r.eventBusName === busName(input.EventBusName))
        .filter((r) => typeof input.NamePrefix !== 'string' || r.name.startsWith(input.NamePrefix))
        .map(describe),
    }),
    DeleteRule: (input) => {
      const rule = this.#rule(input.Name, input.EventBusName);
      this.#commitRules(this.#rules.filter((r) => r !== rule));
      return {};
    },
    PutTargets: (input) => this.#putTargets(input),
    RemoveTargets: (input) => {
      const rule = this.#rule(input.Rule, input.EventBusName);
      const ids = Array.isArray(input.Ids) ? input.Ids : [];
      this.#commitRules(
        this.#rules.map((r) => (r === rule ? { ...r, targets: r.targets.filter((t) => !ids.includes(t.Id)) } : r)),
      );
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    ListTargetsByRule: (input) => ({ Targets: this.#rule(input.Rule, input.EventBusName).targets }),
  };

  constructor(options: { store: LocalStore; accountId: string; sqs: SqsService }) {
    this.#store = options.store;
    this.#accountId = options.accountId;
    this.#sqs = options.sqs;
    const rules = this.#store.readJson<RuleRecord[]>('events/rules.json');
    this.#rules = Array.isArray(rules) ? rules : [];
    const events = this.#store.readJson<EventRecord[]>('events/events.json');
    this.#events = Array.isArray(events) ? events : [];
  }

  /** Answers one EventBridge request (JSON 1.1). */
  handle(req: LocalRequest): LocalResponse {
    const target = header(req.headers, 'x-amz-target') ?? '';
    const name = target.startsWith('AWSEvents.') ? target.slice('AWSEvents.'.length) : '';
    try {
      const operation = this.#operations[name];
      if (operation === undefined) {
        throw new AwsServiceError(
          'UnknownOperationException',
          `step-cli local's EventBridge serves ${Object.keys(this.#operations).join(', ')}; got "${target}".`,
        );
      }
      const input = parseJsonBody(req.body);
      if (input === undefined) throw validation('The request body must be a JSON object.');
      return jsonResponse(200, operation(input, req), 'application/x-amz-json-1.1', {
        'x-amzn-requestid': req.requestId,
      });
    } catch (e) {
      if (!(e instanceof AwsServiceError)) throw e;
      return errorResponse('events', e, req);
    }
  }

  /** Answers `GET /_step/events/events[?EventBusName=...]`: the events put, oldest first, as JSON. */
  listEvents(req: LocalRequest): LocalResponse {
    const bus = req.query.get('EventBusName');
    return jsonResponse(200, { Events: this.#events.filter((e) => bus === null || e['event-bus-name'] === bus) });
  }

  #rule(name: unknown, bus: unknown): RuleRecord {
    const rule = this.#rules.find((r) => r.name === name && r.eventBusName === busName(bus));
    if (rule === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Rule ${String(name)} does not exist on EventBus ${busName(bus)}.`,
      );
    }
    return rule;
  }

  #commitRules(rules: RuleRecord[]): void {
    try {
      this.#store.writeJson('events/rules.json', rules);
    } catch {
      throw diskFailure();
    }
    this.#rules = rules;
  }

  #putEvents(input: Input, region: string): unknown {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : undefined;
    if (entries === undefined || entries.length === 0 || entries.length > MAX_ENTRIES) {
      throw validation(
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      );
    }
    const results: Record<string, string>[] = [];
    const accepted: EventRecord[] = [];
    for (const entry of entries) {
      const problem = entryProblem(entry);
      if (problem !== undefined) {
        results.push(problem);
        continue;
      }
      let detail: unknown;
      try {
        detail = JSON.parse(entry.Detail as string);
      } catch {
        detail = undefined;
      }
      if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
        continue;
      }
      const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
      const event: EventRecord = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType as string,
        source: entry.Source as string,
        account: this.#accountId,
        time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: Array.isArray(entry.Resources) ? entry.Resources.filter((r) => typeof r === 'string') : [],
        detail,
        'event-bus-name': busName(entry.EventBusName),
      };
      accepted.push(event);
      results.push({ EventId: event.id });
    }
    if (accepted.length > 0) {
      const kept = [...this.#events, ...accepted].slice(-EVENTS_KEPT);
      try {
        this.#store.writeJson('events/events.json', kept);
      } catch {
        throw diskFailure();
      }
      this.#events = kept;
      for (const event of accepted) this.#deliver(event);
    }
    return { FailedEntryCount: entries.length - accepted.length, Entries: results };
  }

  /** Sends an event to the SQS targets of each enabled rule of its bus whose pattern it matches. */
  #deliver(event: EventRecord): void {
    const { 'event-bus-name': bus, ...wire } = event;
    for (const rule of this.#rules) {
      if (rule.eventBusName !== bus || rule.state !== 'ENABLED' || rule.eventPattern === undefined) continue;
      if (!matchesEventPattern(JSON.parse(rule.eventPattern), wire)) continue;
      for (const target of rule.targets) {
        const m = /^arn:aws[\w-]*:sqs:[^:]+:\d{12}:(.+)$/.exec(target.Arn);
        if (m === null || !this.#sqs.hasQueue(m[1]!)) continue;
        const body = target.Input ?? JSON.stringify(target.InputPath === '$.detail' ? wire.detail : wire);
        try {
          this.#sqs.sendMessage(m[1]!, {
            body,
            ...(m[1]!.endsWith('.fifo') ? { groupId: rule.name, deduplicationId: event.id } : {}),
          });
        } catch (e) {
          // A target that refuses the event loses it, as EventBridge's delivery without a dead-letter queue does.
          if (!(e instanceof AwsServiceError)) throw e;
        }
      }
    }
  }

  #putRule(input: Input, region: string): unknown {
    const name = input.Name;
    if (typeof name !== 'string' || !RULE_NAME.test(name)) {
      throw validation(`Rule name "${String(name)}" must be 1 to 64 letters, digits, '.', '-' or '_'.`);
    }
    if (input.ScheduleExpression !== undefined && input.EventPattern === undefined) {
      throw validation('step-cli local runs no scheduled rules: give the rule an EventPattern.');
    }
    const pattern = input.EventPattern;
    if (typeof pattern !== 'string') throw validation('Parameter EventPattern is required.');
    let parsed: unknown;
    try {
      parsed = JSON.parse(pattern);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AwsServiceError(
        'InvalidEventPatternException',
        'Event pattern is not valid. Reason: it must be a JSON object.',
      );
    }
    const bus = busName(input.EventBusName);
    const arn = `arn:aws:events:${region}:${this.#accountId}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
    const existing = this.#rules.find((r) => r.name === name && r.eventBusName === bus);
    const rule: RuleRecord = {
      name,
      eventBusName: bus,
      arn,
      eventPattern: pattern,
      state: input.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      targets: existing?.targets ?? [],
      ...(typeof input.Description === 'string' ? { description: input.Description } : {}),
    };
    this.#commitRules([...this.#rules.filter((r) => r !== existing), rule]);
    return { RuleArn: arn };
  }

  #putTargets(input: Input): unknown {
    const rule = this.#rule(input.Rule, input.EventBusName);
    const targets = Array.isArray(input.Targets) ? (input.Targets as Input[]) : [];
    if (targets.length === 0) throw validation('Parameter Targets must have at least one target.');
    const given: Target[] = targets.map((t) => {
      if (typeof t.Id !== 'string' || typeof t.Arn !== 'string')
        throw validation('Each target needs an Id and an Arn.');
      return {
        Id: t.Id,
        Arn: t.Arn,
        ...(typeof t.Input === 'string' ? { Input: t.Input } : {}),
        ...(typeof t.InputPath === 'string' ? { InputPath: t.InputPath } : {}),
      };
    });
    const ids = new Set(given.map((t) => t.Id));
    const merged = [...rule.targets.filter((t) => !ids.has(t.Id)), ...given];
    this.#commitRules(this.#rules.map((r) => (r === rule ? { ...r, targets: merged } : r)));
    return { FailedEntryCount: 0, FailedEntries: [] };
  }
}

function entryProblem(entry: Input): Record<string, string> | undefined {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
      };
    }
  }
  return undefined;
}

function describe(rule: RuleRecord): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventBusName: rule.eventBusName,
    State: rule.state,
    ...(rule.eventPattern === undefined ? {} : { EventPattern: rule.eventPattern }),
    ...(rule.description === undefined ? {} : { Description: rule.description }),
  };
}
