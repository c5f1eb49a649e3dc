// Spawn test of the real binary: `bin/step.js local` (-> dist/index.js) runs after `pnpm turbo run build`.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { tempDir } from '../../../local/test/helpers.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(PACKAGE_DIR, 'bin', 'step.js');
/** Spawns node and loads the server; allow for a loaded CI machine. */
const SLOW = 30_000;

/** Resolves with the endpoint the banner prints, or rejects when the process exits first. */
function endpointOf(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+) /.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`step-cli local exited with ${code} before listening: ${stderr()}`)));
  });
}

describe('bin/step.js local', () => {
  beforeAll(() => {
    if (!existsSync(path.join(PACKAGE_DIR, 'dist', 'run', 'runLocal.js'))) {
      throw new Error('packages/cli is not built (no dist/run/runLocal.js): run "pnpm turbo run build" first');
    }
  });

  it(
    'prints its endpoint, serves the SDK what the seed file created, and exits 0 on SIGTERM',
    async () => {
      // Prepare
      const temp = tempDir();
      const seed = path.join(temp.dir, 'seed.json');
      writeFileSync(seed, JSON.stringify({ stateMachines: [{ name: 'seeded' }] }));
      const child = spawn(process.execPath, [BIN, 'local', '--port', '0', '--memory', '--seed', seed], {
        cwd: PACKAGE_DIR,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );

      // Act
      let listed: unknown;
      try {
        const url = await endpointOf(child, () => stderr);
        const sfn = new SFNClient({
          endpoint: url,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 1,
        });
        listed = (await sfn.send(new ListStateMachinesCommand({}))).stateMachines?.map((m) => m.name);
        sfn.destroy();
      } finally {
        child.kill('SIGTERM');
      }
      const exit = await exited;
      temp.remove();

      // Assess
      expect(listed).toEqual(['seeded']);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(stderr).toContain('step-cli local: stopping');
    },
    SLOW,
  );
});
