# lm_robust (HC2) of the censored clients of bench/effect-series.bench.ts at months 12, 18, 24 on
# the clients observed at least m months: the reference for `bench/ab/effect-series.ts`'s printed
# estimates and SEs. Write the CSV first: node --import tsx bench/ab/effect-series.ts . 200000 --csv
suppressPackageStartupMessages(library(estimatr))
d <- read.csv("/tmp/clients.csv")
covs <- setdiff(names(d), c("arm", "followup_months", "month_event"))
f <- as.formula(paste("y ~ treatment +", paste(covs, collapse = " + ")))
d$treatment <- as.numeric(d$arm == "experiment")
for (m in c(12, 18, 24)) {
  s <- d[d$followup_months >= m, ]
  s$y <- as.numeric(!is.na(s$month_event) & s$month_event <= m)
  fit <- lm_robust(f, data = s, se_type = "HC2")
  cat(m, sprintf("%.15g", fit$coefficients["treatment"]), sprintf("%.15g", fit$std.error["treatment"]), "\n")
}
