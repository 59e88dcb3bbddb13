/**
 * Commands a page shows in a ` ```sh no-run ` fence because a named test runs them, word for
 * word, and checks more than the docs test would (exit 0): running them twice would double the
 * suite's heaviest work. tests/docs/docs.test.ts checks that each is the command of a `no-run`
 * fence on its page and that its test imports it from here; the test runs `argv` in a scratch
 * directory holding `data/` and `examples/`, as the docs test runs a page.
 *
 * @example
 * import { REVIEW_TWO_YEARS } from '../docs/run-by-tests.js';
 * const code = await runCli([...REVIEW_TWO_YEARS.argv], io);
 */

/** A command shown, not run, in a page, and the test that runs it as written. */
export interface RunByTest {
  /** The page that shows the command (from the repository root). */
  readonly page: string;
  /** The exported name of this entry, which the test imports. */
  readonly name: string;
  /** The test file that runs it (from the repository root). */
  readonly test: string;
  /** The command's words after `effectmeting`. */
  readonly argv: readonly string[];
}

/** The yearly review on the two shipped years (docs/cli.md, "review"): the longest command. */
export const REVIEW_TWO_YEARS: RunByTest = {
  page: 'docs/cli.md',
  name: 'REVIEW_TWO_YEARS',
  test: 'tests/scan/scan.test.ts',
  argv: [
    'review',
    '--current',
    'data/scan-population-2024.csv',
    '--previous',
    'data/scan-population-2023.csv',
    '--out',
    'out/review-2024',
  ],
};

/** Every command run by a named test instead of the docs test. */
export const RUN_BY_TESTS: readonly RunByTest[] = [REVIEW_TWO_YEARS];
