// The deployer's scenario table (every scenario of the Go integration tests, plus the fixes) and a runner that
// takes any World: the in-process FakeAws behind aws-sdk-client-mock (createFakeWorld), or real SDK clients
// against `step-cli local` (a World whose seed() creates the resources over HTTP).
import { RealClock, runExecution, VirtualClock } from '@step/interpreter';
import { createZip } from '@step/lambda/build';
import type { ExecutionResult } from '@step/interpreter';
import type { AwsClientsFactory } from '../src/awsClients.js';
import { createDeployerHandlers } from '../src/createDeployerHandlers.js';
import type { DeployerHandlers } from '../src/createDeployerHandlers.js';
import { DEPLOYER_DEFINITION } from '../src/deployerDefinition.js';
import { releasePaths } from '../src/release.js';
import type { Release, ReleaseErrorInfo } from '../src/release.js';
import type { Fault } from './helpers/FakeAws.js';
import { awsError, FakeAws, sha256Hex } from './helpers/FakeAws.js';
import { createMockedClients } from './helpers/mockedClients.js';

export const NOW = new Date('2026-11-26T10:00:00.000Z');
export const ACCOUNT = '111111111111';
export const REGION = 'us-east-1';
export const BUCKET = `step-deployer-${ACCOUNT}`;
/** A real (tiny) zip, so that worlds which check zips (`step-cli local`) accept it. */
export const ZIP = createZip([{ name: 'index.mjs', data: Buffer.from('export const handler = async (e) => e;\n') }]);
export const EMPTY_MACHINE = '{"StartAt":"WIN","States":{"WIN":{"Type":"Succeed"}}}';
export const OLD_MACHINE = '{"StartAt":"OLD","States":{"OLD":{"Type":"Pass","End":true}}}';
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:lambdaname`;
export const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:stepfnname`;
export const GOOD_TAGS = { ProjectName: 'project', ConfigName: 'development', DeployWith: 'step-deployer' };
export const GOOD_ROLE = `arn:aws:iam::${ACCOUNT}:role/step/project/development/role-name`;

/** The Go tests' MockRelease, with a 12-digit account. */
export function mockRelease(overrides: Partial<Release> = {}): Release {
  return {
    aws_account_id: ACCOUNT,
    aws_region: REGION,
    release_id: 'release-1',
    project_name: 'project',
    config_name: 'development',
    bucket: BUCKET,
    created_at: NOW.toISOString(),
    metadata: { User: 'test' },
    lambda_name: 'lambdaname',
    lambda_sha256: sha256Hex(ZIP),
    step_fn_name: 'stepfnname',
    state_machine_json: EMPTY_MACHINE,
    ...overrides,
  };
}

/** What a world looks like before a deploy: the S3 objects, the function and the state machine. */
export interface WorldSetup {
  /** The execution input. */
  input: unknown;
  /** The release copy in S3 (text); `undefined` = none. */
  s3Release: string | undefined;
  zip: Buffer | undefined;
  functionTags: Record<string, string>;
  roleArn: string;
  machineTags: Record<string, string>;
  /** Extra S3 objects (locks), by key. */
  objects: Record<string, string>;
}

/** An AWS to deploy into: in-process fake or real clients against `step-cli local`. */
export interface World {
  clients: AwsClientsFactory;
  seed(setup: WorldSetup): Promise<void>;
  readObject(key: string): Promise<string | undefined>;
  machineDefinition(): Promise<string>;
  functionCodeSha256(): Promise<string>;
  /** Only the in-process world can inject faults. */
  inject?(fault: Fault): void;
  /**
   * Run on real time: a world doing real I/O looks idle to a VirtualClock, which would then fire the tasks'
   * TimeoutSeconds. The scenarios never Wait or retry on real time, so nothing sleeps.
   */
  realTime?: boolean;
}

export function defaultSetup(release: Release = mockRelease()): WorldSetup {
  return {
    input: release,
    s3Release: JSON.stringify(release),
    zip: ZIP,
    functionTags: { ...GOOD_TAGS },
    roleArn: GOOD_ROLE,
    machineTags: { ...GOOD_TAGS },
    objects: {},
  };
}

export interface Scenario {
  name: string;
  /** Change the default world before the run. */
  arrange?: (setup: WorldSetup, world: World) => void;
  path: string[];
  /** Step Functions error name in `$.error.Error` of the final state's input. */
  error?: string;
  /** Pattern in `$.error.Cause`. */
  cause?: RegExp;
  /** Root lock must be absent at the end (default: true for every scenario). */
  rootLockReleased?: boolean;
  /** Release lock must be present at the end. */
  releaseLockKept?: boolean;
  /** The state machine and function must be unchanged (default: true unless the path reaches Success). */
  unchanged?: boolean;
  /** Faults to inject (only worlds with `inject` can run these scenarios). */
  faults?: Fault[];
  /** Name of `$.cleanup_error.Error` (ReleaseLockFailure gave up). */
  cleanupError?: string;
}

export interface DeployOutcome {
  result: ExecutionResult;
  /** The input of the final state (the release with `error`/`cleanup_error`). */
  finalInput: Release & { error?: ReleaseErrorInfo };
}

export function deployerHandlers(world: World, extra: { accountId?: string } = {}): DeployerHandlers {
  return createDeployerHandlers({
    clients: world.clients,
    region: REGION,
    accountId: extra.accountId ?? ACCOUNT,
    now: () => NOW,
    sleep: () => Promise.resolve(),
    updatePolls: 5,
    newUuid: (() => {
      let n = 0;
      return () => `uuid-${++n}-${Math.random().toString(36).slice(2, 8)}`;
    })(),
  });
}

/** Run the deployer's own state machine, end to end, in @step/interpreter with the real handlers. */
export async function runDeployer(
  world: World,
  input: unknown,
  handlers: DeployerHandlers = deployerHandlers(world),
): Promise<DeployOutcome> {
  const clock = world.realTime ? new RealClock() : new VirtualClock();
  const result = await runExecution(DEPLOYER_DEFINITION, { input, handlers, clock });
  const entered = result
    .history()
    .filter((e) => typeof e.stateEnteredEventDetails === 'object' && e.stateEnteredEventDetails !== null)
    .map((e) => e.stateEnteredEventDetails as { name: string; input?: string });
  const last = entered[entered.length - 1];
  const finalInput = (last?.input ? JSON.parse(last.input) : {}) as Release;
  return { result, finalInput };
}

const HAPPY = ['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success'];
const BAD_VALIDATE = ['Validate', 'FailureClean'];
const RELEASED_LOCK = ['Validate', 'Lock', 'ValidateResources', 'ReleaseLockFailure', 'FailureClean'];

const rootLockKey = releasePaths({
  aws_account_id: ACCOUNT,
  project_name: 'project',
  config_name: 'development',
  release_id: 'x',
}).rootLock;
const userLockKey = releasePaths({
  aws_account_id: ACCOUNT,
  project_name: 'project',
  config_name: 'development',
  release_id: 'x',
}).userLock;
const releaseLockKey = releasePaths({
  aws_account_id: ACCOUNT,
  project_name: 'project',
  config_name: 'development',
  release_id: 'release-1',
}).releaseLock;

function withRelease(setup: WorldSetup, change: (r: Release) => Release): void {
  const release = change({ ...(setup.input as Release) });
  setup.input = release;
  setup.s3Release = JSON.stringify(release);
}

export const SCENARIOS: readonly Scenario[] = [
  { name: 'deploys a valid release', path: HAPPY, releaseLockKept: true, unchanged: false },
  {
    name: 'ignores client-set server fields (uuid, started_at, success, root_lock_etag)',
    arrange: (s) =>
      withRelease(s, (r) => ({
        ...r,
        uuid: 'client-uuid',
        started_at: '2000-01-01T00:00:00Z',
        success: true,
        root_lock_etag: '"d41d8cd98f00b204e9800998ecf8427e"',
        error: { Error: 'Forged' },
      })),
    path: HAPPY,
    unchanged: false,
  },
  {
    name: 'rejects an empty release',
    arrange: (s) => {
      s.input = {};
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /release_id" must be defined/,
  },
  {
    name: 'rejects a release with an unknown key',
    arrange: (s) => {
      s.input = { ...(s.input as Release), asd: 'asd' };
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /unknown key "asd"/,
  },
  {
    name: 'rejects a release without release_id',
    arrange: (s) => withRelease(s, (r) => ({ ...r, release_id: undefined })),
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /ReleaseID|release_id" must be defined/,
  },
  {
    name: 'rejects a release created an hour in the future',
    arrange: (s) => withRelease(s, (r) => ({ ...r, created_at: new Date(NOW.getTime() + 3600_000).toISOString() })),
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /older than 10 days/,
  },
  {
    name: 'rejects a release created 300 hours ago',
    arrange: (s) =>
      withRelease(s, (r) => ({ ...r, created_at: new Date(NOW.getTime() - 300 * 3600_000).toISOString() })),
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /older than 10 days/,
  },
  {
    name: 'rejects a release whose S3 copy is missing',
    arrange: (s) => {
      s.s3Release = undefined;
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /No uploaded release/,
  },
  {
    name: 'rejects a release whose S3 copy does not parse',
    arrange: (s) => {
      s.s3Release = '{"asd": ';
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /uploaded Release struct/,
  },
  {
    name: 'rejects a release whose S3 copy is empty',
    arrange: (s) => {
      s.s3Release = '{}';
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /Release SHA incorrect/,
  },
  {
    name: 'rejects a release whose S3 copy has another created_at',
    arrange: (s) => {
      s.s3Release = JSON.stringify({
        ...(s.input as Release),
        created_at: new Date(NOW.getTime() - 1000).toISOString(),
      });
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /Release SHA incorrect/,
  },
  {
    name: 'rejects a release whose S3 copy targets another function',
    arrange: (s) => {
      s.s3Release = JSON.stringify({ ...(s.input as Release), lambda_name: 'other' });
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /Release SHA incorrect/,
  },
  {
    name: 'rejects a zip whose SHA-256 is not lambda_sha256',
    arrange: (s) => {
      s.zip = Buffer.from('tampered zip');
    },
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /Lambda SHA mismatch/,
  },
  {
    name: 'rejects an invalid state machine with all its diagnostics',
    arrange: (s) =>
      withRelease(s, (r) => ({
        ...r,
        state_machine_json: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
      })),
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /StateMachineJSON invalid/,
  },
  {
    name: 'rejects a project name that escapes its S3 prefix',
    arrange: (s) => withRelease(s, (r) => ({ ...r, project_name: '../other' })),
    path: BAD_VALIDATE,
    error: 'BadReleaseError',
    cause: /project_name/,
  },
  {
    name: 'stops on a user lock and shows its reason',
    arrange: (s) => {
      s.objects[userLockKey] = JSON.stringify({ user: 'alice', lock_reason: 'incident 42' });
    },
    path: ['Validate', 'Lock', 'FailureClean'],
    error: 'LockExistsError',
    cause: /locked by alice for reason: incident 42/,
  },
  {
    name: 'treats an unreadable user lock as a lock',
    arrange: (s) => {
      s.objects[userLockKey] = 'frozen until Monday';
    },
    path: ['Validate', 'Lock', 'FailureClean'],
    error: 'LockExistsError',
    cause: /unreadable user lock: frozen until Monday/,
  },
  {
    name: 'ignores an empty user lock',
    arrange: (s) => {
      s.objects[userLockKey] = '{}';
    },
    path: HAPPY,
    unchanged: false,
  },
  {
    name: 'refuses a replayed release (release lock taken)',
    arrange: (s) => {
      s.objects[releaseLockKey] = JSON.stringify({ uuid: 'an-earlier-deploy' });
    },
    path: ['Validate', 'Lock', 'FailureClean'],
    error: 'LockExistsError',
    cause: /Release lock already exists/,
    releaseLockKept: true,
  },
  {
    name: 'refuses while another deploy holds the root lock',
    arrange: (s) => {
      s.objects[rootLockKey] = JSON.stringify({ uuid: 'another-deploy', release_id: 'release-0' });
    },
    path: ['Validate', 'Lock', 'FailureClean'],
    error: 'LockExistsError',
    cause: /S3 Lock Already Exists.*release-0.*aws s3 rm/,
    rootLockReleased: false,
    releaseLockKept: true,
  },
  {
    name: 'rejects a function with a wrong DeployWith tag',
    arrange: (s) => {
      s.functionTags.DeployWith = 'terraform';
    },
    path: RELEASED_LOCK,
    error: 'BadReleaseError',
    cause: /Lambda DeployWith tag incorrect, expecting step-deployer has terraform/,
    releaseLockKept: true,
  },
  {
    name: 'rejects a function with a wrong ProjectName tag',
    arrange: (s) => {
      s.functionTags.ProjectName = 'other';
    },
    path: RELEASED_LOCK,
    error: 'BadReleaseError',
    cause: /Lambda ProjectName tag incorrect/,
  },
  {
    name: 'rejects a function without a ConfigName tag',
    arrange: (s) => {
      delete s.functionTags.ConfigName;
    },
    path: RELEASED_LOCK,
    error: 'BadReleaseError',
    cause: /Lambda ConfigName tag is missing/,
  },
  {
    name: 'rejects a state machine role outside /step/<project>/<config>/',
    arrange: (s) => {
      s.roleArn = `arn:aws:iam::${ACCOUNT}:role/step/other/development/role-name`;
    },
    path: RELEASED_LOCK,
    error: 'BadReleaseError',
    cause:
      /Incorrect Step Function Role Path, expecting \/step\/project\/development\/, got \/step\/other\/development\//,
  },
  {
    name: 'rejects a state machine with wrong tags',
    arrange: (s) => {
      s.machineTags.ConfigName = 'production';
    },
    path: RELEASED_LOCK,
    error: 'BadReleaseError',
    cause: /State machine ConfigName tag incorrect/,
  },
  {
    name: 'ends clean when UpdateStateMachine fails',
    faults: [{ service: 'SFN', op: 'UpdateStateMachine', error: awsError('AWSSFNError', 500) }],
    path: [...HAPPY.slice(0, 4), 'ReleaseLockFailure', 'FailureClean'],
    error: 'DeploySFNError',
    cause: /UpdateStateMachine .* failed: AWSSFNError.*nothing was changed/,
    releaseLockKept: true,
  },
  {
    name: 'rolls the state machine back and ends clean when UpdateFunctionCode fails',
    faults: [{ service: 'Lambda', op: 'UpdateFunctionCode', error: awsError('AWSLambdaError', 500) }],
    path: [...HAPPY.slice(0, 4), 'ReleaseLockFailure', 'FailureClean'],
    error: 'DeployLambdaError',
    cause: /AWSLambdaError.*state machine was rolled back/,
  },
  {
    name: 'ends dirty with cleanup steps when the rollback fails too',
    faults: [
      { service: 'Lambda', op: 'UpdateFunctionCode', error: awsError('AWSLambdaError', 500) },
      { service: 'SFN', op: 'UpdateStateMachine', skip: 1 },
    ],
    path: [...HAPPY.slice(0, 4), 'FailureDirty'],
    error: 'DeployRollbackError',
    cause:
      /rolling back .* failed too.*update-state-machine.*aws s3 rm s3:\/\/step-deployer-111111111111\/111111111111\/project\/development\/lock/,
    rootLockReleased: false,
    unchanged: false,
  },
  {
    name: 'releases a root lock whose write failed after it took effect',
    faults: [
      { service: 'S3', op: 'PutObject', target: /development\/lock$/, after: true, error: awsError('PuttyError', 500) },
    ],
    path: ['Validate', 'Lock', 'ReleaseLockFailure', 'FailureClean'],
    error: 'LockError',
    cause: /PuttyError/,
    releaseLockKept: true,
  },
  {
    name: 'keeps the original error and ends dirty when the lock cannot be released',
    arrange: (s) => {
      s.functionTags.DeployWith = 'terraform';
    },
    faults: [{ service: 'S3', op: 'DeleteObject', target: /development\/lock$/ }],
    path: RELEASED_LOCK.slice(0, 4).concat('FailureDirty'),
    error: 'BadReleaseError',
    cause: /DeployWith/,
    cleanupError: 'LockError',
    rootLockReleased: false,
  },
  {
    name: 'ends dirty when the root lock cannot be released after a deploy',
    faults: [{ service: 'S3', op: 'DeleteObject', target: /development\/lock$/ }],
    path: [...HAPPY.slice(0, 4), 'FailureDirty'],
    error: 'UnlockError',
    cause: /was deployed, but its root lock .* aws s3 rm/,
    rootLockReleased: false,
    unchanged: false,
  },
];

/** In-process world: FakeAws answering aws-sdk-client-mock'ed SDK clients. */
export function createFakeWorld(
  fake: FakeAws = new FakeAws({ region: REGION, account: ACCOUNT }),
): World & { fake: FakeAws } {
  const clients = createMockedClients(fake);
  return {
    fake,
    clients,
    seed(setup) {
      const release = (typeof setup.input === 'object' && setup.input !== null ? setup.input : {}) as Record<
        string,
        unknown
      >;
      const text = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback);
      const paths = releasePaths({
        aws_account_id: ACCOUNT,
        project_name: text(release.project_name, 'project'),
        config_name: text(release.config_name, 'development'),
        release_id: text(release.release_id, 'release-1'),
      });
      if (setup.s3Release !== undefined) fake.putObject(BUCKET, paths.release, setup.s3Release);
      if (setup.zip) fake.putObject(BUCKET, paths.zip, setup.zip);
      for (const [key, body] of Object.entries(setup.objects)) fake.putObject(BUCKET, key, body);
      fake.addFunction(FUNCTION_ARN, setup.functionTags);
      fake.addStateMachine(MACHINE_ARN, { definition: OLD_MACHINE, roleArn: setup.roleArn, tags: setup.machineTags });
      return Promise.resolve();
    },
    readObject: (key) => Promise.resolve(fake.getObjectText(BUCKET, key)),
    machineDefinition: () => Promise.resolve(fake.stateMachines.get(MACHINE_ARN)?.definition ?? ''),
    functionCodeSha256: () => Promise.resolve(fake.functions.get(FUNCTION_ARN)?.codeSha256 ?? ''),
    inject: (fault) => fake.inject(fault),
  };
}

export const KEYS = { rootLock: rootLockKey, userLock: userLockKey, releaseLock: releaseLockKey };

/** Arrange, run and return what a scenario needs to be judged. */
export async function runScenario(
  scenario: Scenario,
  world: World,
): Promise<
  DeployOutcome & {
    rootLock: string | undefined;
    releaseLock: string | undefined;
    definition: string;
    codeSha: string;
    before: { definition: string; codeSha: string };
  }
> {
  const setup = defaultSetup();
  scenario.arrange?.(setup, world);
  await world.seed(setup);
  for (const fault of scenario.faults ?? []) {
    if (!world.inject)
      throw new Error(`Scenario "${scenario.name}" needs fault injection, which this world does not support`);
    world.inject(fault);
  }
  const before = { definition: await world.machineDefinition(), codeSha: await world.functionCodeSha256() };
  const outcome = await runDeployer(world, setup.input);
  return {
    ...outcome,
    before,
    rootLock: await world.readObject(KEYS.rootLock),
    releaseLock: await world.readObject(KEYS.releaseLock),
    definition: await world.machineDefinition(),
    codeSha: await world.functionCodeSha256(),
  };
}

/**
 * A fake world whose function and state machine live in another account (`target`), with a good release for it
 * in the deployer's bucket: what the cross-account tests start from.
 */
export function createCrossAccountWorld(target: string): {
  fake: FakeAws;
  world: World & { fake: FakeAws };
  release: Release;
} {
  const fake = new FakeAws({ region: REGION, account: target });
  const world = createFakeWorld(fake);
  const release = mockRelease({ aws_account_id: target });
  const keys = releasePaths({
    aws_account_id: target,
    project_name: 'project',
    config_name: 'development',
    release_id: 'release-1',
  });
  fake.putObject(BUCKET, keys.release, JSON.stringify(release));
  fake.putObject(BUCKET, keys.zip, ZIP);
  fake.addFunction(`arn:aws:lambda:${REGION}:${target}:function:lambdaname`, { ...GOOD_TAGS });
  fake.addStateMachine(`arn:aws:states:${REGION}:${target}:stateMachine:stepfnname`, {
    definition: OLD_MACHINE,
    roleArn: `arn:aws:iam::${target}:role/step/project/development/r`,
    tags: { ...GOOD_TAGS },
  });
  return { fake, world, release };
}
