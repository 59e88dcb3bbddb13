/**
 * The Den Haag pilot's own planning question, answered with the power formulas: what was
 * detectable in decile 1 (978 / 240 clients, 41.5 % control rate, 31 pp participation
 * difference), and what would a city half Den Haag's size need to detect the pilot's effect?
 */
import { formatNumber, formatPercent, formatPp, markdownTable } from '../../format.js';
import { type Language, numberStyleOf, textOf } from '../../language.js';
import { formatCount, mdeRow } from '../../plan/mde-table.js';
import {
  type MdeResult,
  minimumDetectableEffect,
  powerForEffect,
  requiredSampleSize,
} from '../../plan/power.js';
import { DEN_HAAG_DECILE1_DESIGN } from './design.js';
import { ASSUMPTIONS_LABEL, PILOT_PLANNING_TEXTS } from './planning-texts.js';

/** One row of the sizes a smaller city needs. */
export interface NeededSize {
  readonly treatmentShare: number;
  readonly rSquared: number;
  readonly nTreatment: number;
  readonly nControl: number;
  readonly total: number;
  /** total / decile-1 clients per year in that city. */
  readonly years: number;
}

/** Result of {@link pilotPowerAnswer}. */
export interface PilotPowerAnswer {
  readonly assumptions: string;
  readonly pilot: {
    /** MDE at 80 % power without covariates. */
    readonly none: MdeResult;
    /** MDE with covariates of the stated R². */
    readonly withCovariates: MdeResult;
    /** MDE for a few R² values (0, 0.2, the stated one). */
    readonly byRSquared: readonly MdeResult[];
    /** Power the design had for the published −6.3 pp. */
    readonly powerForPublished: { readonly none: number; readonly withCovariates: number };
  };
  readonly halfCity: {
    /** Decile-1 clients per year: half of 1,218. */
    readonly perYear: number;
    readonly none: MdeResult;
    readonly withCovariates: MdeResult;
    /** Sizes to detect the published effect at 80 % power (80/20 and 50/50, with/without covariates). */
    readonly needed: readonly NeededSize[];
    /**
     * Participation difference needed to detect the pilot's effect per participant
     * (6.3 / 31 ≈ 20 pp) within one year, at 80/20 and 50/50, with covariates.
     */
    readonly participationNeeded: readonly {
      readonly treatmentShare: number;
      readonly d: number;
    }[];
  };
}

/**
 * Answers the pilot's question at two-sided α = 0.05 and 80 % power (unpooled normal
 * approximation). `rSquared` is the covariates' expected R² (default 0.38, the synthetic
 * reconstruction's variance reduction; the published significance pattern alone implies at
 * least ≈ 0.17).
 *
 * @example
 * const a = pilotPowerAnswer();
 * a.pilot.none.itt;              // ≈ −0.098: 9.8 pp detectable without covariates
 * a.pilot.withCovariates.itt;    // ≈ −0.078 with R² = 0.38
 */
export function pilotPowerAnswer(options: { readonly rSquared?: number } = {}): PilotPowerAnswer {
  const d = DEN_HAAG_DECILE1_DESIGN;
  const r2 = options.rSquared ?? d.rSquared;
  const base = {
    controlRate: d.controlRate,
    participationDifference: d.participationDifference,
  };
  const pilot = { ...base, nTreatment: d.nTreatment, nControl: d.nControl };
  const none = minimumDetectableEffect(pilot);
  const withCovariates = minimumDetectableEffect({ ...pilot, rSquared: r2 });
  const byRSquared = [...new Set([0, 0.2, r2])].map((rSquared) =>
    minimumDetectableEffect({ ...pilot, rSquared }),
  );
  const powerForPublished = {
    none: powerForEffect({ ...pilot, effect: d.publishedEffect }).power,
    withCovariates: powerForEffect({ ...pilot, effect: d.publishedEffect, rSquared: r2 }).power,
  };

  const perYear = (d.nTreatment + d.nControl) / 2;
  const half = { ...base, nTreatment: d.nTreatment / 2, nControl: d.nControl / 2 };
  const needed: NeededSize[] = [];
  for (const treatmentShare of [0.8, 0.5]) {
    for (const rSquared of [0, r2]) {
      const s = requiredSampleSize({
        controlRate: d.controlRate,
        effect: d.publishedEffect,
        treatmentShare,
        rSquared,
      });
      needed.push({
        treatmentShare,
        rSquared,
        nTreatment: s.nTreatment,
        nControl: s.nControl,
        total: s.total,
        years: s.total / perYear,
      });
    }
  }
  const perParticipant = d.publishedEffect / d.participationDifference;
  const participationNeeded = [0.8, 0.5].map((treatmentShare) => {
    const m = minimumDetectableEffect({
      controlRate: d.controlRate,
      nTreatment: perYear * treatmentShare,
      nControl: perYear * (1 - treatmentShare),
      rSquared: r2,
    });
    return { treatmentShare, d: m.itt / perParticipant };
  });
  return {
    assumptions: `two-sided α = 0.05, 80 % power, unpooled normal approximation; decile 1 of Den Haag: ${d.nTreatment} treated / ${d.nControl} control, control rate ${d.controlRate}, participation difference ${d.participationDifference}; covariates R² = ${r2}; half city: ${perYear} decile-1 clients per year; target effect ${d.publishedEffect} (published adjusted month-24 effect, ${(perParticipant * 100).toFixed(1)} pp per participant)`,
    pilot: { none, withCovariates, byRSquared, powerForPublished },
    halfCity: {
      perYear,
      none: minimumDetectableEffect(half),
      withCovariates: minimumDetectableEffect({ ...half, rSquared: r2 }),
      needed,
      participationNeeded,
    },
  };
}

/**
 * The answer as the Markdown `effectmeting power --pilot [--lang nl]` prints: the detectable
 * effects of the pilot and of a city half its size, the power for the published effect, and the
 * sizes needed; labels, sentences and numbers in the language (texts: `planning-texts.ts`). The
 * English assumptions line is the answer's own `assumptions` (the same in `--json`).
 *
 * @example
 * pilotPowerMarkdown(pilotPowerAnswer()); // "# Den Haag pilot, decile 1: what was detectable? …"
 * pilotPowerMarkdown(pilotPowerAnswer(), 'nl'); // "# Den Haag-pilot, deciel 1: wat was aantoonbaar? …"
 */
export function pilotPowerMarkdown(answer: PilotPowerAnswer, lang: Language = 'en'): string {
  const d = DEN_HAAG_DECILE1_DESIGN;
  const p = answer.pilot;
  const h = answer.halfCity;
  const t = textOf(PILOT_PLANNING_TEXTS, lang);
  const style = numberStyleOf(lang);
  const effect = formatPp(d.publishedEffect, 1, false, style);
  const pct = (x: number, digits = 1) => formatPercent(x, digits, style);
  // A number as given (R² = 0.38, not rounded), with the language's decimal mark.
  const raw = (x: number) => String(x).replace('.', style.decimal);
  const fixed = (x: number, digits: number) =>
    lang === 'en' ? x.toFixed(digits) : formatNumber(x, digits, style);
  const r2 = raw(p.withCovariates.rSquared);
  const split = (share: number) => `${Math.round(share * 100)}/${Math.round((1 - share) * 100)}`;
  const count = (n: number) => formatCount(n, lang);
  const assumptions =
    lang === 'en'
      ? answer.assumptions
      : t.assumptions({
          nTreatment: count(d.nTreatment),
          nControl: count(d.nControl),
          controlRate: pct(d.controlRate),
          participationDifference: formatPp(d.participationDifference, 0, false, style),
          rSquared: r2,
          perYear: count(h.perYear),
          effect,
          perParticipant: formatPp(d.publishedEffect / d.participationDifference, 1, false, style),
        });
  const c = t.columns;
  return [
    t.title,
    '',
    markdownTable([
      ...p.byRSquared.map((m) =>
        mdeRow(t.pilotRow(count(d.nTreatment), count(d.nControl)), m, lang),
      ),
      mdeRow(t.halfCityRow, h.none, lang),
      mdeRow(t.halfCityRow, h.withCovariates, lang),
    ]),
    '',
    t.power(effect, pct(p.powerForPublished.none), pct(p.powerForPublished.withCovariates), r2),
    '',
    t.halfCityHeading(count(h.perYear), effect),
    '',
    markdownTable(
      h.needed.map((r) => ({
        [c.allocation]: split(r.treatmentShare),
        [c.r2]: fixed(r.rSquared, 2),
        [c.sizes]: `${count(r.nTreatment)} / ${count(r.nControl)}`,
        [c.total]: count(r.total),
        [c.years]: fixed(r.years, 1),
      })),
    ),
    '',
    t.participation(
      h.participationNeeded.map((x) => `${pct(x.d, 0)} (${split(x.treatmentShare)})`),
      pct(d.participationDifference, 0),
      r2,
    ),
    '',
    `${textOf(ASSUMPTIONS_LABEL, lang)}: ${assumptions}.`,
    '',
  ].join('\n');
}
