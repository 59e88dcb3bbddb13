// A small analysis of your own: the effect per month in decile 1 of the Den Haag pilot data.
// Run: npx tsx examples/quick-start.ts
import { effectSeries, firstSignificantMonth } from 'effectmeting';
import { loadTable } from 'effectmeting/node';

// One row per client: id, arm, followup_months, month_bijstand (empty if never), covariates.
const clients = await loadTable('data/den-haag-pilot.csv');
const decile1 = clients.filter((d) => d.decile === 1);

const series = effectSeries(decile1, {
  event: 'month_bijstand', // month of first entry into bijstand
  months: 24, // months 1…24, complete follow-up
  covariates: ['gender', 'age', 'education', 'prior_bijstand'],
});
console.log(series.toMarkdown()); // raw and adjusted effect per month, HC2, stars
console.log(firstSignificantMonth(series, { level: 0.05 })); // → { level: 0.05, first: 11, from: 11 }
