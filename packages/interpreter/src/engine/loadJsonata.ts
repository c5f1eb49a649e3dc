import type * as JsonataModule from '../jsonata/index.js';

let loaded: typeof JsonataModule | undefined;
let loading: Promise<typeof JsonataModule> | undefined;

/**
 * Loads the JSONata module on first use, so machines without JSONata states never pay for it.
 * @internal
 */
export function loadJsonata(): Promise<typeof JsonataModule> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('../jsonata/index.js').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/**
 * The JSONata module, which must have been loaded by {@link loadJsonata}.
 * @internal
 */
export function jsonata(): typeof JsonataModule {
  if (!loaded) throw new Error('internal: the JSONata module was not loaded before running a JSONata state');
  return loaded;
}
