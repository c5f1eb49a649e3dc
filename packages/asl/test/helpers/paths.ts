import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location (test/helpers → packages/asl → repo). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared folder beside the repository (CI clones the repo with shared/ next to it). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

/** This package's test fixtures. */
export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
