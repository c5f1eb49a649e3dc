// AwsClients whose SDK clients are mocked with aws-sdk-client-mock and answered by a FakeAws.
import {
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListTagsCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListTagsForResourceCommand,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients, AwsClientsFactory } from '../../src/awsClients.js';
import type { CallerIdentity, FakeAws, Service } from './FakeAws.js';

type AnyCommand = abstract new (...args: never[]) => unknown;

const COMMANDS: Record<Service, [string, AnyCommand][]> = {
  S3: [
    ['GetObject', GetObjectCommand],
    ['HeadObject', HeadObjectCommand],
    ['PutObject', PutObjectCommand],
    ['DeleteObject', DeleteObjectCommand],
  ],
  Lambda: [
    ['ListTags', ListTagsCommand],
    ['GetFunction', GetFunctionCommand],
    ['GetFunctionConfiguration', GetFunctionConfigurationCommand],
    ['UpdateFunctionCode', UpdateFunctionCodeCommand],
  ],
  SFN: [
    ['DescribeStateMachine', DescribeStateMachineCommand],
    ['UpdateStateMachine', UpdateStateMachineCommand],
    ['ListTagsForResource', ListTagsForResourceCommand],
    ['StartExecution', StartExecutionCommand],
    ['DescribeExecution', DescribeExecutionCommand],
    ['GetExecutionHistory', GetExecutionHistoryCommand],
  ],
  STS: [
    ['GetCallerIdentity', GetCallerIdentityCommand],
    ['AssumeRole', AssumeRoleCommand],
  ],
};

/** Extra operations (e.g. StartExecution of a fake deployer) answered outside FakeAws. */
export type Overrides = Partial<Record<`${Service}.${string}`, (input: Record<string, unknown>) => unknown>>;

function mockService(client: object, service: Service, fake: FakeAws, who: CallerIdentity, overrides: Overrides): void {
  const stub = mockClient(client as S3Client);
  for (const [op, command] of COMMANDS[service]) {
    const override = overrides[`${service}.${op}`];
    stub
      .on(command as unknown as typeof GetObjectCommand)
      .callsFake((input: Record<string, unknown>) =>
        override ? override(input) : fake.handle(service, op, input, who),
      );
  }
}

/** An AwsClientsFactory backed by `fake`; every call is recorded with the region/account/role asked for. */
export function createMockedClients(
  fake: FakeAws,
  overrides: Overrides = {},
): AwsClientsFactory & { built: CallerIdentity[] } {
  const cache = new Map<string, AwsClients>();
  const built: CallerIdentity[] = [];
  const factory = (region: string | undefined, account?: string, roleArn?: string): AwsClients => {
    const key = `${region ?? ''}|${account ?? ''}|${roleArn ?? ''}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const who: CallerIdentity = { region, account, roleArn };
    built.push(who);
    if (roleArn) fake.assumedRoles.push(roleArn);
    const clients: AwsClients = {
      s3: new S3Client({ region: region ?? fake.region }),
      lambda: new LambdaClient({ region: region ?? fake.region }),
      sfn: new SFNClient({ region: region ?? fake.region }),
      sts: new STSClient({ region: region ?? fake.region }),
    };
    mockService(clients.s3, 'S3', fake, who, overrides);
    mockService(clients.lambda, 'Lambda', fake, who, overrides);
    mockService(clients.sfn, 'SFN', fake, who, overrides);
    mockService(clients.sts, 'STS', fake, who, overrides);
    cache.set(key, clients);
    return clients;
  };
  return Object.assign(factory, { built });
}
