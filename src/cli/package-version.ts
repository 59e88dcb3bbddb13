/** effectmeting's version, read from package.json (two levels up from src/cli/ and dist/cli/). */
import { readFileSync } from 'node:fs';

/** The package version, e.g. "0.9.0" (stamped into the reports `reproduce` writes). */
export const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    readonly version: string;
  }
).version;
