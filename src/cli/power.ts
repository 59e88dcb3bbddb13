/**
 * `effectmeting power`: minimum detectable effect, power and required sample size for a
 * difference in proportions (unequal allocation, non-compliance, covariate R², method `neyman`
 * or `r-compatible`) or in means (`--sd`; clusters with `--icc` and `--cluster-size`), the pilot
 * study's own answer (`--pilot`, from the study registry), and a simulation of the design
 * (`--simulate`). Flags that do not apply to the question asked are usage errors.
 */
import { formatPercent, formatPp, markdownTable, styledNumber } from '../format.js';
import { type Language, numberStyleOf } from '../language.js';
import { formatCount, mdeRow, meansPowerRow } from '../plan/mde-table.js';
import {
  minimumDetectableEffect,
  type PowerMethod,
  pairwiseMde,
  powerForEffect,
  requiredSampleSize,
} from '../plan/power.js';
import { type MeansPowerSpec, powerTTest } from '../plan/power-means.js';
import { POWER_TEXTS, planMethodText, simulationMarkdown } from '../plan/power-texts.js';
import { simulateDesign } from '../plan/simulate.js';
import { STUDY_CATALOG, type StudyEntry, type StudyListingPlanning } from '../studies/catalog.js';
import type { StudyPlanning } from '../studies/study.js';
import {
  type CliIO,
  type Command,
  EXIT,
  langHelp,
  parseFlags,
  parseLangFlag,
  UsageError,
} from './command.js';

type Planned = StudyEntry & { readonly planning: StudyListingPlanning };

/**
 * The study of `--pilot`: the first in the light registry with a planning question. Its module
 * (generator, calibrated model, report) is loaded only when `--pilot` runs.
 */
const PILOT = STUDY_CATALOG.find((s): s is Planned => s.planning !== undefined)!;

/** The planning question of the `--pilot` study, from its loaded module. */
async function pilotPlanning(): Promise<StudyPlanning> {
  const planning = (await PILOT.load()).planning;
  if (!planning)
    throw new Error(`the study '${PILOT.name}' is listed with a planning question it lacks`);
  return planning;
}

const HELP = `effectmeting power: plan an experiment on a share (e.g. flow-through to bijstand) or a mean

Usage:
  effectmeting power --control-rate <p> --n-treatment <n> --n-control <n> [options]
  effectmeting power --control-rate <p> --n <total> --allocation 80/20 [options]
  effectmeting power --control-rate <p> --effect <d> --allocation 80/20 [options]
  effectmeting power --control-rate <p> --n <total> --arms service=80,enforcement=10,none=10
  effectmeting power --sd <s> (--n-treatment <n> --n-control <n> | --n <total> | --effect <d>)
                     [--icc <rho> --cluster-size <m>] [options]
  effectmeting power --pilot [--r2 <R²>] [--simulate <replicates>]

With arm sizes: the minimum detectable effect (MDE) at the target power, as ITT and per
participant, and the power for --effect when given. Without sizes but with --effect: the
clients (or clusters) needed. Shares: normal approximation, two-sided. Means (--sd): the
two-sample t test as R's power.t.test (noncentral t); clusters: design effect 1 + (m − 1)ρ and
Bell–McCaffrey (CR2) df, G − 2 at equal allocation. See docs/planning.md for the formulas.

Options:
  --control-rate <p>      share with the event in the control arm (e.g. 0.415)
  --sd <s>                outcome SD: plan a difference in means (--effect in the outcome's units)
  --icc <rho>             with --sd: intra-cluster correlation of a cluster-randomised design
  --cluster-size <m>      with --sd: clients per cluster (--n-treatment etc. count clients)
  --strict                with --sd: also count rejections in the wrong direction (R strict = TRUE)
  --n-treatment <n>       treated clients       --n-control <n>   control clients
  --n <total>             total clients, split by --allocation
  --allocation <a/b>      treated/control split, e.g. 80/20 or 50/50 (default 50/50)
  --arms <name=w,...>     multi-arm design (e.g. 80/10/10): pairwise MDEs
  --effect=<d>            ITT effect, treated − control share (e.g. --effect=-0.063; use =
                          for negative numbers)
  --per-participant <d>   effect per participant (multiplied by --participation)
  --participation <d>     participation difference between the arms (default 1)
  --r2 <R²>               expected R² of the adjustment covariates (default 0)
  --alpha <a>             two-sided level (default 0.05)
  --power <p>             target power (default 0.8)
  --direction <dir>       decrease (default) or increase, for the MDE of a share
  --method <m>            shares: neyman (default: unpooled variance, both rejection regions)
                          or r-compatible (pooled, one region: R's power.prop.test default)
  --pooled                shares: pooled null variance, both rejection regions
  --bonferroni            with --arms: split α over the comparisons
  --pilot                 ${PILOT.planning.help}
  --simulate <R>          also simulate the design R times (--pilot: the study's calibrated
                          model; otherwise needs --rates) and report power and coverage
  --rates <F1,F2,...>     control cumulative shares by month, for --simulate
  --censoring <c>         share censored before the last month, for --simulate
  --workers <k>           worker threads for --simulate (default: all cores)
  --seed <s>              seed for --simulate (default 1)
  --json                  print JSON (the same in every --lang)
${langHelp(26, ["(--json is the same in both; --pilot: the study's answer and its", 'simulation follow --lang)'])}
  -h, --help              this help

Exit codes: 0 done, 1 values the calculation cannot use (the message names them), 2 usage error
(unknown flag, a malformed number), 70 internal error (a bug).

Examples:
  effectmeting power --pilot
  effectmeting power --control-rate 0.415 --n-treatment 978 --n-control 240 --participation 0.31 --r2 0.38
  effectmeting power --control-rate 0.415 --effect=-0.063 --allocation 80/20 --r2 0.38
  effectmeting power --control-rate 0.3 --n 10000 --arms service=0.8,enforcement=0.1,none=0.1
  effectmeting power --control-rate 0.415 --effect=-0.063 --method r-compatible
  effectmeting power --sd 1 --effect 0.3 --icc 0.05 --cluster-size 25
  effectmeting power --pilot --simulate 1000 --workers 2
`;

const OPTIONS = {
  'control-rate': { type: 'string' },
  'n-treatment': { type: 'string' },
  'n-control': { type: 'string' },
  n: { type: 'string' },
  allocation: { type: 'string' },
  arms: { type: 'string' },
  effect: { type: 'string' },
  'per-participant': { type: 'string' },
  participation: { type: 'string' },
  r2: { type: 'string' },
  alpha: { type: 'string' },
  power: { type: 'string' },
  direction: { type: 'string' },
  method: { type: 'string' },
  pooled: { type: 'boolean' },
  sd: { type: 'string' },
  icc: { type: 'string' },
  'cluster-size': { type: 'string' },
  strict: { type: 'boolean' },
  bonferroni: { type: 'boolean' },
  pilot: { type: 'boolean' },
  simulate: { type: 'string' },
  rates: { type: 'string' },
  censoring: { type: 'string' },
  workers: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseFlags<typeof OPTIONS>>;
type FlagName = keyof typeof OPTIONS;

/** Usage error when any of `flags` is set: "--x does not apply <why>". */
function refuse(v: Flags, flags: readonly FlagName[], why: string): void {
  const given = flags.filter((f) => v[f] !== undefined);
  if (given.length > 0) {
    throw new UsageError(
      `${given.map((f) => `--${f}`).join(', ')} ${given.length > 1 ? 'do' : 'does'} not apply ${why}`,
    );
  }
}

/** Flags that need another flag, or exclude one another, whatever the question. */
function checkCombinations(v: Flags): void {
  const pairs: [FlagName, FlagName][] = [
    ['rates', 'simulate'],
    ['censoring', 'simulate'],
    ['workers', 'simulate'],
    ['seed', 'simulate'],
    ['bonferroni', 'arms'],
    ['icc', 'cluster-size'],
    ['cluster-size', 'icc'],
    ['icc', 'sd'],
    ['strict', 'sd'],
  ];
  for (const [flag, needs] of pairs) {
    if (v[flag] !== undefined && v[needs] === undefined) {
      throw new UsageError(`--${flag} needs --${needs}`);
    }
  }
  const exclusive: [FlagName, FlagName][] = [
    ['effect', 'per-participant'],
    ['n', 'n-treatment'],
    ['n', 'n-control'],
    ['allocation', 'n-treatment'],
    ['allocation', 'n-control'],
    ['method', 'pooled'],
    ['sd', 'control-rate'],
  ];
  for (const [a, b] of exclusive) {
    if (v[a] !== undefined && v[b] !== undefined) {
      throw new UsageError(`give --${a} or --${b}, not both`);
    }
  }
  if ((v['n-treatment'] === undefined) !== (v['n-control'] === undefined)) {
    throw new UsageError('give both --n-treatment and --n-control');
  }
}

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a number, got '${value}'`);
  return x;
}

/** `--allocation 80/20` (percent) or `0.8/0.2` (shares) → treated share; must sum to 100 or 1. */
function allocation(text: string | undefined): number {
  if (text === undefined) return 0.5;
  const parts = text.split('/').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (parts.length !== 2 || !parts.every((x) => Number.isFinite(x) && x > 0)) {
    throw new UsageError(`--allocation must look like 80/20 (treated/control), got '${text}'`);
  }
  const sum = parts[0]! + parts[1]!;
  if (Math.abs(sum - 100) > 1e-9 && Math.abs(sum - 1) > 1e-12) {
    throw new UsageError(
      `--allocation ${text}: the shares sum to ${sum}, not 100 (or 1); e.g. 80/20`,
    );
  }
  return parts[0]! / sum;
}

async function run(args: readonly string[], io: CliIO): Promise<number> {
  const v = parseFlags(args, OPTIONS);
  const lang = parseLangFlag(v.lang);
  const t = POWER_TEXTS[lang];
  const style = numberStyleOf(lang);
  const pct = (x: number, digits = 1) => formatPercent(x, digits, style);
  const pp = (x: number) => formatPp(x, 1, false, style);
  const method = (text: string) => planMethodText(text, lang);
  checkCombinations(v);
  if (v.method !== undefined && v.method !== 'neyman' && v.method !== 'r-compatible') {
    throw new UsageError(`--method must be neyman or r-compatible, got '${v.method}'`);
  }
  const powerMethod = v.method as PowerMethod | undefined;
  const settings = {
    alpha: num(v.alpha, 'alpha') ?? 0.05,
    rSquared: num(v.r2, 'r2') ?? 0,
    ...(powerMethod !== undefined
      ? { method: powerMethod }
      : v.pooled
        ? { variance: 'pooled' as const }
        : {}),
    power: num(v.power, 'power') ?? 0.8,
    participationDifference: num(v.participation, 'participation') ?? 1,
  };
  const direction = (v.direction ?? 'decrease') as 'decrease' | 'increase';
  if (direction !== 'decrease' && direction !== 'increase') {
    throw new UsageError(`--direction must be decrease or increase, got '${v.direction}'`);
  }
  const replicates = num(v.simulate, 'simulate');
  const simOptions = {
    replicates: replicates ?? 0,
    seed: v.seed ?? 1,
    ...(v.workers !== undefined ? { workers: num(v.workers, 'workers')! } : {}),
  };

  if (v.pilot) {
    refuse(
      v,
      [
        'control-rate',
        'n-treatment',
        'n-control',
        'n',
        'allocation',
        'arms',
        'effect',
        'per-participant',
        'participation',
        'alpha',
        'power',
        'direction',
        'method',
        'pooled',
        'sd',
        'icc',
        'cluster-size',
        'strict',
        'rates',
        'censoring',
      ],
      "with --pilot (the study's own design; only --r2, --simulate, --workers, --seed, --json, --lang)",
    );
    const pilot = await pilotPlanning();
    const { answer, markdown } = pilot.question({
      ...(v.r2 !== undefined ? { rSquared: settings.rSquared } : {}),
      lang,
    });
    const sim =
      replicates !== undefined ? await simulateDesign(pilot.simulation, simOptions) : undefined;
    if (v.json) {
      io.stdout(`${JSON.stringify({ answer, simulation: sim }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout(
      sim ? `${markdown}\n## ${t.pilotSimulation}\n\n${simulationMarkdown(sim, lang)}` : markdown,
    );
    return EXIT.ok;
  }
  if (v.sd !== undefined) return runMeans(v, io, lang);
  refuse(
    v,
    ['strict'],
    'to shares (it is for --sd; shares count both regions unless --method r-compatible)',
  );
  refuse(v, ['icc', 'cluster-size'], 'to shares: cluster designs are planned for means (--sd)');
  if (v.arms !== undefined)
    refuse(v, ['n-treatment', 'n-control', 'allocation'], 'with --arms (give --n)');

  const controlRate = num(v['control-rate'], 'control-rate');
  if (controlRate === undefined) throw new UsageError('give --control-rate (or --pilot)');
  const effect = num(v.effect, 'effect');
  const perParticipant = num(v['per-participant'], 'per-participant');
  const effectSpec =
    effect !== undefined
      ? { effect }
      : perParticipant !== undefined
        ? { effectPerParticipant: perParticipant }
        : undefined;
  const total = num(v.n, 'n');

  if (v.arms) {
    if (total === undefined) throw new UsageError('--arms needs --n');
    const weights: Record<string, number> = {};
    for (const part of v.arms.split(',')) {
      const [name, w] = part.split('=');
      const x = Number(w);
      if (!name || !Number.isFinite(x)) throw new UsageError(`--arms: bad entry '${part}'`);
      weights[name] = x > 1 ? x / 100 : x;
    }
    const rows = pairwiseMde({
      ...settings,
      n: total,
      weights,
      controlRate,
      direction,
      bonferroni: v.bonferroni === true,
    });
    if (v.json) io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      io.stdout(
        `${markdownTable(rows.map((r) => ({ ...mdeRow(t.versus(r.treatment, r.control), r.mde, lang), [lang === 'en' ? 'alpha' : 'α']: styledNumber(r.alpha.toFixed(4), style) })))}\n\n${method(rows[0]!.mde.method)}.\n`,
      );
    }
    return EXIT.ok;
  }

  let nTreatment = num(v['n-treatment'], 'n-treatment');
  let nControl = num(v['n-control'], 'n-control');
  if (total !== undefined) {
    const w = allocation(v.allocation);
    nTreatment = total * w;
    nControl = total * (1 - w);
  }
  if (nTreatment === undefined || nControl === undefined) {
    if (!effectSpec) {
      throw new UsageError('give arm sizes (--n-treatment/--n-control or --n) or an --effect');
    }
    const s = requiredSampleSize({
      ...settings,
      controlRate,
      treatmentShare: allocation(v.allocation),
      ...effectSpec,
    });
    if (v.json) io.stdout(`${JSON.stringify(s, null, 2)}\n`);
    else {
      io.stdout(
        `${t.clientsNeeded(pp(s.effect), pp(s.effectPerParticipant), pct(settings.power, 0))}\n\n` +
          `${markdownTable([{ [t.sizeColumns.treated]: formatCount(s.nTreatment, lang), [t.sizeColumns.control]: formatCount(s.nControl, lang), [t.sizeColumns.total]: formatCount(s.total, lang), [t.sizeColumns.power]: pct(s.power) }])}\n\n${method(s.method)}.\n`,
      );
    }
    return EXIT.ok;
  }

  const mde = minimumDetectableEffect({
    ...settings,
    controlRate,
    nTreatment,
    nControl,
    direction,
  });
  const power = effectSpec
    ? // The target power is the MDE's input; the power at an effect is the output.
      powerForEffect({
        ...withoutPower(settings),
        controlRate,
        nTreatment,
        nControl,
        ...effectSpec,
      })
    : undefined;
  let sim: Awaited<ReturnType<typeof simulateDesign>> | undefined;
  if (replicates !== undefined) {
    if (!v.rates) throw new UsageError('--simulate needs --rates (or use --pilot)');
    const rates = v.rates.split(',').map((r) => {
      const x = r.trim() === '' ? Number.NaN : Number(r);
      if (!Number.isFinite(x)) throw new UsageError(`--rates: '${r}' is not a number`);
      return x;
    });
    const d = settings.participationDifference;
    sim = await simulateDesign(
      {
        model: 'parametric',
        nTreatment: Math.round(nTreatment),
        nControl: Math.round(nControl),
        controlRates: rates,
        effect: power?.effect ?? 0,
        participation: { treatment: d, control: 0 },
        censoring: num(v.censoring, 'censoring') ?? 0,
        covariateCorrelation: Math.sqrt(settings.rSquared),
      },
      simOptions,
    );
  }
  if (v.json) {
    io.stdout(`${JSON.stringify({ mde, power, simulation: sim }, null, 2)}\n`);
    return EXIT.ok;
  }
  const out = [markdownTable([mdeRow(t.design, mde, lang)]), ''];
  if (power) {
    out.push(t.powerFor(pp(power.effect), pp(power.effectPerParticipant), pct(power.power)), '');
  }
  out.push(`${method(mde.method)}; ${t.targetPower(pct(settings.power, 0))}.`, '');
  if (sim) out.push(`## ${t.simulation}`, '', simulationMarkdown(sim, lang));
  io.stdout(out.join('\n'));
  return EXIT.ok;
}

/** `--sd`: a difference in means (two-sample t test, as R's power.t.test), clusters optional. */
function runMeans(v: Flags, io: CliIO, lang: Language): number {
  const t = POWER_TEXTS[lang];
  refuse(v, ['direction'], 'with --sd (the t test is two-sided: the difference is a magnitude)');
  refuse(v, ['arms', 'bonferroni'], 'with --sd (multi-arm designs are planned for shares)');
  refuse(v, ['simulate'], 'with --sd (the simulation models shares)');
  const icc = num(v.icc, 'icc');
  const size = num(v['cluster-size'], 'cluster-size');
  const total = num(v.n, 'n');
  const w = allocation(v.allocation);
  const sizes =
    total !== undefined
      ? { nTreatment: total * w, nControl: total * (1 - w) }
      : v['n-treatment'] !== undefined
        ? {
            nTreatment: num(v['n-treatment'], 'n-treatment')!,
            nControl: num(v['n-control'], 'n-control')!,
          }
        : undefined;
  const effect = num(v.effect, 'effect');
  const perParticipant = num(v['per-participant'], 'per-participant');
  const effectSpec =
    effect !== undefined
      ? { delta: effect }
      : perParticipant !== undefined
        ? { deltaPerParticipant: perParticipant }
        : {};
  if (sizes === undefined && effect === undefined && perParticipant === undefined) {
    throw new UsageError(
      'with --sd give arm sizes (--n-treatment/--n-control or --n) or an --effect',
    );
  }
  const base: MeansPowerSpec = {
    sd: num(v.sd, 'sd')!,
    alpha: num(v.alpha, 'alpha') ?? 0.05,
    strict: v.strict === true,
    ...(v.participation !== undefined
      ? { participationDifference: num(v.participation, 'participation')! }
      : {}),
    ...(v.r2 !== undefined ? { rSquared: num(v.r2, 'r2')! } : {}),
    ...(icc !== undefined && size !== undefined ? { clusters: { icc, size } } : {}),
  };
  const target = num(v.power, 'power') ?? 0.8;
  const results =
    sizes === undefined
      ? [powerTTest({ ...base, ...effectSpec, power: target, treatmentShare: w })]
      : [
          powerTTest({ ...base, ...sizes, power: target }),
          ...('delta' in effectSpec || 'deltaPerParticipant' in effectSpec
            ? [powerTTest({ ...base, ...sizes, ...effectSpec })]
            : []),
        ];
  if (v.json) {
    io.stdout(
      `${JSON.stringify(results.length === 1 ? results[0] : { mde: results[0], power: results[1] }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const label = (r: (typeof results)[number]) =>
    r.solvedFor === 'n'
      ? t.sampleSize
      : r.solvedFor === 'delta'
        ? t.detectable(formatPercent(target, 0, numberStyleOf(lang)))
        : t.powerForEffect;
  io.stdout(
    `${markdownTable(results.map((r) => meansPowerRow(label(r), r, lang)))}\n\n${planMethodText(results[0]!.method, lang)}.\n`,
  );
  return EXIT.ok;
}

export const powerCommand: Command = {
  name: 'power',
  summary: 'minimum detectable effect, power and sample size; a pilot study answered with --pilot',
  help: HELP,
  optionFlags: {
    rSquared: '--r2',
    'clusters.icc': '--icc',
    'clusters.size': '--cluster-size',
    participationDifference: '--participation',
    treatmentShare: '--allocation',
  },
  run,
};

/** Settings without the target `power` (an input of the MDE and sample size, not of the power). */
function withoutPower<T extends { readonly power: number }>(settings: T): Omit<T, 'power'> {
  const { power: _target, ...rest } = settings;
  return rest;
}
