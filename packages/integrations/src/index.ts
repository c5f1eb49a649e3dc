export { createAwsSdkInvoker } from './createAwsSdkInvoker.js';
export type { AwsSdkInvokerOptions } from './createAwsSdkInvoker.js';
export { parseResource } from './parseResource.js';
export type { IntegrationPattern, ParsedResource } from './parseResource.js';
export { resolveService, sdkErrorPrefix } from './sdk/resolveService.js';
export type { ServiceInfo } from './sdk/resolveService.js';
export type { SdkClient, SdkClientSettings } from './sdk/SdkClients.js';
export { TaskFailure } from './TaskFailure.js';
export { IntegrationError, SdkClientMissingError, UnsupportedIntegrationError } from './errors.js';
