/**
 * `aucTest`: the DeLong comparison of two scores read from tables, paired (the same clients
 * scored twice) or unpaired (two samples: two years, or two scores treated as independent).
 */
import { asTable, numberColumn, requireColumns, type TableInput } from '../data/columns.js';
import { SpecReader } from '../data/spec-reader.js';
import { InputError } from '../errors.js';
import { checkLevel } from '../stats/validate.js';
import {
  type AucDirection,
  type AucTestResult,
  auc,
  aucPairedTest,
  aucUnpairedTest,
} from './auc.js';
import { outcomeColumn } from './model.js';

/** Options of {@link aucTest}. */
export interface AucTestOptions {
  /** The 0/1 outcome column (in both tables when `second` is given). */
  readonly outcome: string;
  /** The two score columns: the first is read from `data`, the second from `second` or `data`. */
  readonly scores: readonly [string, string];
  /**
   * Paired test (the same clients; default true without `second`). `false` with one table treats
   * the two scores as independent samples, as pROC's `roc.test(paired = FALSE)` allows.
   */
  readonly paired?: boolean;
  /** A second table of other clients (e.g. last year's): unpaired; its score is `scores[1]`. */
  readonly second?: TableInput;
  /** pROC's direction (default `'<'`: cases score higher); `'auto'` chooses per score. */
  readonly direction?: AucDirection;
  readonly level?: number;
}

const KEYS = ['outcome', 'scores', 'paired', 'second', 'direction', 'level'];

/**
 * Compares the AUCs of two scores with DeLong's method, as pROC's `roc.test(method = "delong")`.
 * Paired (same clients): z = (A₁ − A₂)/√(V₁ + V₂ − 2C) with the DeLong covariance C
 * ({@link aucPairedTest}). Unpaired (two samples): t = (A₁ − A₂)/√(V₁ + V₂) on
 * Welch–Satterthwaite df (`aucDifference`). Missing scores or outcomes are an error
 * naming the column and rows.
 *
 * @example
 * aucTest(clients2024, { outcome: 'bijstand', scores: ['scan', 'refit'], paired: true });
 * // { aucs: [..., ...], difference, statistic, pValue, ... }
 */
export function aucTest(data: TableInput, options: AucTestOptions): AucTestResult {
  const r = new SpecReader();
  r.object(options, 'aucTest options', KEYS);
  r.done('aucTest options');
  const level = checkLevel(options.level, 'aucTest');
  const direction = options.direction ?? '<';
  const first = asTable(data);
  const [a, b] = options.scores;
  if (options.second !== undefined && options.paired === true) {
    throw new InputError(
      'aucTest: paired: true needs both scores on the same clients; with a second table the test is unpaired (leave out paired or set it to false)',
      { code: 'invalid-option', value: 'true' },
    );
  }
  requireColumns(
    first,
    [options.outcome, a, ...(options.second === undefined ? [b] : [])],
    'aucTest',
  );
  const y = outcomeColumn(first, options.outcome);
  const sa = numberColumn(first, a);
  if (options.second !== undefined) {
    const second = asTable(options.second);
    requireColumns(second, [options.outcome, b], 'aucTest (second table)');
    const y2 = outcomeColumn(second, options.outcome);
    const sb = numberColumn(second, b);
    return aucUnpairedTest(auc(sa, y, { level, direction }), auc(sb, y2, { level, direction }), {
      level,
    });
  }
  const sb = numberColumn(first, b);
  if (options.paired === false) {
    return aucUnpairedTest(auc(sa, y, { level, direction }), auc(sb, y, { level, direction }), {
      level,
    });
  }
  return aucPairedTest(sa, sb, y, { level, direction });
}
