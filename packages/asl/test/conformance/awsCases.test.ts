// Every definition recorded against real AWS (../shared/conformance/cases) ran there, so it must validate
// with no error (warnings are allowed). No case is skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from '@step/asl';
import { SHARED_DIR } from '../helpers/paths.js';

const CASES_DIR = path.join(SHARED_DIR, 'conformance/cases');

interface ConformanceCase {
  id: string;
  definition: unknown;
}

const files = existsSync(CASES_DIR)
  ? readdirSync(CASES_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe('validate on the AWS conformance definitions', () => {
  it('finds the 720 recorded cases beside the repository', () => {
    expect(files).toHaveLength(720);
  });

  it.each(files)('accepts %s', (file) => {
    // Prepare
    const c = JSON.parse(readFileSync(path.join(CASES_DIR, file), 'utf8')) as ConformanceCase;
    // Act
    const result = validate(c.definition);
    // Assess
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('accepts them given as JSON text too', () => {
    // Prepare
    const texts = files
      .slice(0, 50)
      .map((f) =>
        JSON.stringify((JSON.parse(readFileSync(path.join(CASES_DIR, f), 'utf8')) as ConformanceCase).definition),
      );
    // Act
    const failures = texts.filter((t) => !validate(t).ok);
    // Assess
    expect(failures).toEqual([]);
  });
});
