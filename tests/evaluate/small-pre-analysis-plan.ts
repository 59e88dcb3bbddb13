/** The pre-analysis plan of the small experiment: SMALL_PLAN's primary analysis at month 12. */
export const SMALL_PAP = {
  title: 'Small experiment',
  primary: {
    outcome: 'month_bijstand',
    month: 12,
    covariates: ['gender', 'age'],
    adjustment: 'ols',
    censoring: 'complete-followup',
    level: 0.95,
    contrasts: [{ treatment: 'experiment', control: 'control' }],
  },
  secondaryOutcomes: ['month_work'],
} as const;
