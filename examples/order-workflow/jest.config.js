import preset from '../../jest.preset.js';

// Keep `with { type: 'json' }` on JSON imports (the ASL lives in hello.asl.json), which jest's ESM loader expects.
const [pattern, [transformer, options]] = Object.entries(preset.transform)[0];

export default {
  ...preset,
  transform: {
    [pattern]: [
      transformer,
      {
        ...options,
        jsc: { ...options.jsc, experimental: { ...options.jsc?.experimental, keepImportAttributes: true } },
      },
    ],
  },
};
