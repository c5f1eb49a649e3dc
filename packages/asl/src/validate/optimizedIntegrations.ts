import { nullProto } from '../nullProto.js';

/**
 * An integration pattern as it is written after the action in a Task `Resource`: `''` (request-response),
 * `.sync`, `.sync:2` or `.waitForTaskToken`.
 * @internal
 */
export type IntegrationPattern = '' | '.sync' | '.sync:2' | '.waitForTaskToken';

const RR: readonly IntegrationPattern[] = [''];
const RR_SYNC: readonly IntegrationPattern[] = ['', '.sync'];
const RR_TOKEN: readonly IntegrationPattern[] = ['', '.waitForTaskToken'];
const ALL: readonly IntegrationPattern[] = ['', '.sync', '.waitForTaskToken'];

function actions(
  table: Record<string, readonly IntegrationPattern[]>,
): Readonly<Record<string, readonly IntegrationPattern[]>> {
  return nullProto(table);
}

/**
 * AWS's optimized service integrations: `arn:aws:states:::<service>:<action><pattern>`, each action with the
 * patterns AWS supports for it.
 *
 * @remarks
 * From AWS's "Integrating optimized services with Step Functions" table and each service's page (late 2026).
 * Any other API goes through the AWS SDK integration, `arn:aws:states:::aws-sdk:<service>:<action>`, which
 * this table does not limit.
 *
 * @example
 * ```ts
 * OPTIMIZED_INTEGRATIONS.dynamodb?.getItem; // ['']
 * OPTIMIZED_INTEGRATIONS.dynamodb?.query;   // undefined: AWS does not recognise it
 * ```
 * @internal
 */
export const OPTIMIZED_INTEGRATIONS: Readonly<Record<string, Readonly<Record<string, readonly IntegrationPattern[]>>>> =
  nullProto({
    apigateway: actions({ invoke: RR_TOKEN }),
    athena: actions({
      startQueryExecution: RR_SYNC,
      stopQueryExecution: RR,
      getQueryExecution: RR,
      getQueryResults: RR,
    }),
    batch: actions({ submitJob: RR_SYNC }),
    bedrock: actions({ invokeModel: RR, createModelCustomizationJob: ALL }),
    codebuild: actions({
      startBuild: RR_SYNC,
      stopBuild: RR,
      batchDeleteBuilds: RR,
      batchGetReports: RR,
      startBuildBatch: RR_SYNC,
      stopBuildBatch: RR,
      retryBuildBatch: RR_SYNC,
      deleteBuildBatch: RR,
    }),
    databrew: actions({ startJobRun: RR_SYNC }),
    dynamodb: actions({ getItem: RR, putItem: RR, updateItem: RR, deleteItem: RR }),
    ecs: actions({ runTask: ALL }),
    eks: actions({
      createCluster: RR_SYNC,
      deleteCluster: RR_SYNC,
      createFargateProfile: RR_SYNC,
      deleteFargateProfile: RR_SYNC,
      createNodegroup: RR_SYNC,
      deleteNodegroup: RR_SYNC,
      runJob: RR_SYNC,
      call: RR,
    }),
    elasticmapreduce: actions({
      createCluster: RR_SYNC,
      terminateCluster: RR_SYNC,
      addStep: RR_SYNC,
      cancelStep: RR,
      setClusterTerminationProtection: RR,
      modifyInstanceFleetByName: RR,
      modifyInstanceGroupByName: RR,
    }),
    'emr-containers': actions({ createVirtualCluster: RR, deleteVirtualCluster: RR_SYNC, startJobRun: RR_SYNC }),
    'emr-serverless': actions({
      createApplication: RR_SYNC,
      startApplication: RR_SYNC,
      stopApplication: RR_SYNC,
      deleteApplication: RR_SYNC,
      startJobRun: RR_SYNC,
      cancelJobRun: RR_SYNC,
    }),
    events: actions({ putEvents: RR_TOKEN }),
    glue: actions({ startJobRun: RR_SYNC }),
    http: actions({ invoke: RR }),
    lambda: actions({ invoke: RR_TOKEN }),
    mediaconvert: actions({ createJob: RR_SYNC }),
    sagemaker: actions({
      createEndpoint: RR,
      createEndpointConfig: RR,
      createModel: RR,
      updateEndpoint: RR,
      createHyperParameterTuningJob: RR_SYNC,
      createLabelingJob: RR_SYNC,
      createProcessingJob: RR_SYNC,
      createTrainingJob: RR_SYNC,
      createTransformJob: RR_SYNC,
    }),
    sns: actions({ publish: RR_TOKEN }),
    sqs: actions({ sendMessage: RR_TOKEN }),
    states: actions({ startExecution: ['', '.sync', '.sync:2', '.waitForTaskToken'] }),
  });
