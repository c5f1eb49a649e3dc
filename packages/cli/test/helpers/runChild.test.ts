import os from 'node:os';
import { runChild } from './runChild.js';

describe('runChild', () => {
  it('returns the output of a command that succeeds', async () => {
    // Act
    const { stdout } = await runChild(process.execPath, ['-e', 'console.log("ok")'], {
      cwd: os.tmpdir(),
      timeoutMs: 30_000,
    });

    // Assess
    expect(stdout).toBe('ok\n');
  });

  it('names the command, its cwd, its exit code and its last output when it fails', async () => {
    // Act
    const failure = runChild(process.execPath, ['-e', 'console.error("registry said no"); process.exit(3)'], {
      cwd: os.tmpdir(),
      timeoutMs: 30_000,
    });

    // Assess
    await expect(failure).rejects.toThrow(`(cwd ${os.tmpdir()}) exited with code 3.\nLast output:\nregistry said no`);
  });

  it('kills a command that outlives its deadline and says so', async () => {
    // Act: a child that would never exit on its own
    const failure = runChild(process.execPath, ['-e', 'console.log("retrying"); setInterval(() => {}, 1000)'], {
      cwd: os.tmpdir(),
      timeoutMs: 1,
    });

    // Assess
    await expect(failure).rejects.toThrow(/setInterval.* \(cwd .*\) did not finish within 0\.001 s and was killed/);
  });
});
