import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Paths anchored to the project root, so synth works from any working directory (tests, CLI, bench). */
export const projectPaths = {
  root,
  resolve: (relativePath: string) => resolve(root, relativePath),
};
