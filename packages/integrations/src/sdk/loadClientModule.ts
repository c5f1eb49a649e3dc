import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SdkClientMissingError } from '../errors.js';

/**
 * An AWS SDK v3 client package as imported: its client class, commands and exception classes by name.
 */
export type SdkModule = Readonly<Record<string, unknown>>;

const cache = new Map<string, Promise<SdkModule>>();

function isMissing(e: unknown, packageName: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    String((e as Error).message).includes(packageName)
  );
}

async function importPackage(packageName: string, resource: string): Promise<SdkModule> {
  try {
    // Resolved next to this package: an optional peer dependency the user's project installed.
    return (await import(packageName)) as SdkModule;
  } catch (e) {
    if (!isMissing(e, packageName)) throw e;
    // Not linked next to us (a strict layout, a global install): resolve it from the user's project.
    let file: string;
    try {
      file = createRequire(path.join(process.cwd(), 'package.json')).resolve(packageName);
    } catch {
      throw new SdkClientMissingError(packageName, resource, { cause: e });
    }
    return (await import(pathToFileURL(file).href)) as SdkModule;
  }
}

/**
 * Imports an AWS SDK v3 client package once per process, from beside `@step/integrations` or else from the
 * project in the current directory.
 *
 * @remarks
 * Throws {@link SdkClientMissingError} (naming the package to install) when neither has it.
 */
export function loadClientModule(packageName: string, resource: string): Promise<SdkModule> {
  let loaded = cache.get(packageName);
  if (loaded === undefined) {
    loaded = importPackage(packageName, resource);
    cache.set(packageName, loaded);
    loaded.catch(() => cache.delete(packageName));
  }
  return loaded;
}
