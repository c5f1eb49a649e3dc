import { deployableDefinitionText } from '../src/handlers/deployRelease.js';
import type { Service } from './helpers/FakeAws.js';
import {
  ACCOUNT,
  BUCKET,
  createFakeWorld,
  defaultSetup,
  FUNCTION_ARN,
  MACHINE_ARN,
  mockRelease,
  runDeployer,
} from './scenarios.js';

/** A definition only this release has, so the update cannot have come from anywhere else. */
const RELEASE_MACHINE =
  '{"Comment":"release-1","StartAt":"Hello","States":{"Hello":{"Type":"Pass","Result":"world","End":true}}}';
const ZIP_KEY = `${ACCOUNT}/project/development/release-1/lambda.zip`;

interface SentCommand {
  service: Service;
  op: string;
  input: Record<string, unknown>;
}

/** Run a successful deploy and return the input of every SDK command the deployer sent. */
async function deployAndRecord(options: { versioned: boolean }) {
  const world = createFakeWorld();
  const release = mockRelease({ state_machine_json: RELEASE_MACHINE });
  await world.seed(defaultSetup(release));
  const zipObject = world.fake.objects.get(`${BUCKET}/${ZIP_KEY}`);
  if (!zipObject) throw new Error(`the world has no s3://${BUCKET}/${ZIP_KEY}`);
  // An unversioned bucket answers GetObject with VersionId "null".
  if (!options.versioned) zipObject.versionId = 'null';
  const sent: SentCommand[] = [];
  world.fake.before = (service, op, input) => {
    sent.push({ service, op, input: { ...input } });
  };
  const outcome = await runDeployer(world, release);
  return { ...outcome, world, sent, zipVersion: zipObject.versionId };
}

describe('deployRelease', () => {
  it('updates the function code from the validated S3 object version, never as an inline ZipFile', async () => {
    // Act
    const { result, sent, zipVersion, world } = await deployAndRecord({ versioned: true });

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    const updates = sent.filter((c) => c.service === 'Lambda' && c.op === 'UpdateFunctionCode');
    expect(updates).toHaveLength(1);
    const input = updates[0]!.input;
    expect(input).not.toHaveProperty('ZipFile');
    expect(input).toEqual({
      FunctionName: FUNCTION_ARN,
      S3Bucket: BUCKET,
      S3Key: ZIP_KEY,
      S3ObjectVersion: zipVersion,
      RevisionId: expect.any(String),
    });
    expect(zipVersion).toMatch(/^v\d+$/);
    expect((result.output as Record<string, unknown>).lambda_s3_version).toBe(zipVersion);
    expect(world.fake.functions.get(FUNCTION_ARN)?.updates).toBe(1);
  });

  it('updates the function code from S3 without S3ObjectVersion when the bucket is unversioned', async () => {
    // Act
    const { result, sent } = await deployAndRecord({ versioned: false });

    // Assess
    expect(result.path).toEqual(['Validate', 'Lock', 'ValidateResources', 'Deploy', 'Success']);
    const updates = sent.filter((c) => c.service === 'Lambda' && c.op === 'UpdateFunctionCode');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.input).not.toHaveProperty('ZipFile');
    expect(updates[0]!.input).not.toHaveProperty('S3ObjectVersion');
    expect(updates[0]!.input).toMatchObject({ FunctionName: FUNCTION_ARN, S3Bucket: BUCKET, S3Key: ZIP_KEY });
  });

  it("updates the state machine once, with the release's definition", async () => {
    // Act
    const { sent, world } = await deployAndRecord({ versioned: true });

    // Assess
    const updates = sent.filter((c) => c.service === 'SFN' && c.op === 'UpdateStateMachine');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.input).toEqual({
      stateMachineArn: MACHINE_ARN,
      definition: deployableDefinitionText(RELEASE_MACHINE),
    });
    expect(JSON.parse(String(updates[0]!.input.definition))).toEqual(JSON.parse(RELEASE_MACHINE));
    expect(world.fake.stateMachines.get(MACHINE_ARN)?.definition).toBe(updates[0]!.input.definition);
  });
});
