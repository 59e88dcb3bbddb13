# Reference results for the effect per month of a cluster-randomised, blocked trial
# (effectSeries / effectSeriesBy / evaluate with `clusters` and `blocks`;
# tests/analysis/series-clusters.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/series-clusters.R
# It writes tests/reference/series-clusters.csv (the synthetic trial, generated here with
# set.seed: one row per client) and tests/reference/series-clusters.json (R's results per month
# at 17 significant digits). The tests read only these files, so they never need R.
# Needs: estimatr (lm_robust, difference_in_means), clubSandwich (coef_test).
#
# Per month m = 1…M under complete follow-up: the sample is the clients observed at least m
# months, y = 1 if the event month is ≤ m. Models (treatment t = 1 for arm "experiment"):
#   cr2, stata, cr0:   lm_robust(y ~ t + age + gender, clusters = office, se_type = …)
#   fe_cr2, fe_stata:  the same with fixed_effects = ~block
#   fe_hc2:            lm_robust(y ~ t + age + gender, fixed_effects = ~block) (HC2)
#   fe_only_cr2:       lm_robust(y ~ t, fixed_effects = ~block, clusters = office)
#   club:              clubSandwich coef_test(lm(y ~ t + age + gender), "CR2", Satterthwaite)
#   dim_blocks, dim_clusters, dim_both: difference_in_means(y ~ t, blocks =, clusters =)
# and, for compareArms, the same on a numeric outcome (days_work) of every client ("compare").
suppressPackageStartupMessages({
  library(estimatr)
  library(clubSandwich)
})

set.seed(20261214)
n_block <- 4
offices_per_block <- 6
block_of_office <- rep(sprintf("b%d", seq_len(n_block)), each = offices_per_block)
n_office <- length(block_of_office)
size <- sample(6:14, n_office, replace = TRUE)
# Within each block, 3 of the 6 offices are treated (cluster randomisation blocked by region).
treat_office <- as.vector(sapply(seq_len(n_block), function(b) sample(rep(c(0, 1), 3))))
office_label <- sprintf("office%02d", seq_len(n_office))
office <- rep(office_label, times = size)
block <- rep(block_of_office, times = size)
t <- rep(treat_office, times = size)
n <- length(office)
id <- sprintf("c%04d", seq_len(n))
age <- round(rnorm(n, 40, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
office_eff <- rnorm(n_office, sd = 0.5)[match(office, office_label)]
block_eff <- c(b1 = 0, b2 = 0.3, b3 = -0.2, b4 = 0.5)[block]
M <- 8
# Monthly hazard of the event (e.g. work), higher with treatment and in some offices.
rate <- plogis(-2.2 + 0.35 * t + 0.02 * (age - 40) + 0.2 * (gender == "woman") + office_eff +
  block_eff)
event <- rep(NA_real_, n)
for (i in seq_len(n)) {
  for (m in seq_len(M)) if (runif(1) < rate[i]) {
    event[i] <- m
    break
  }
}
# Potential follow-up: later starters are observed fewer months (set by the start date).
followup <- sample(c(5, 6, 7, 8, 8, 8), n, replace = TRUE)
event[!is.na(event) & event > followup] <- NA
arm <- ifelse(t == 1, "experiment", "control")
# A numeric outcome for compareArms (days in work in the first year), clustered by office.
days_work <- round(pmax(0, 120 + 25 * t + 1.5 * (age - 40) + 60 * office_eff + rnorm(n, sd = 50)))
# Months in work during the follow-up (for timeFractions): from the event month to the end.
months_work <- ifelse(is.na(event), 0, followup - event + 1)
data <- data.frame(id, arm, office, block, age, gender, followup_months = followup,
  month_work = event, days_work, months_work, stringsAsFactors = FALSE)
write.csv(data, "tests/reference/series-clusters.csv", row.names = FALSE, na = "")

num <- function(x) {
  ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, "\"Infinity\"", "\"-Infinity\""),
    sprintf("%.17g", x)))
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nm <- names(x)
    body <- vapply(x, to_json, "")
    if (is.null(nm)) return(paste0("[", paste(body, collapse = ","), "]"))
    return(paste0("{", paste0("\"", nm, "\":", body, collapse = ","), "}"))
  }
  if (is.character(x)) {
    s <- paste0("\"", x, "\"")
    return(if (length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  s <- num(unname(as.numeric(x)))
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}
coef_t <- function(fit) {
  i <- which(names(coef(fit)) == "t")
  list(estimate = unname(coef(fit)[i]), std_error = unname(fit$std.error[i]),
    statistic = unname(fit$statistic[i]), df = unname(fit$df[i]), p_value = unname(fit$p.value[i]),
    conf_low = unname(fit$conf.low[i]), conf_high = unname(fit$conf.high[i]), n = fit$nobs,
    n_clusters = if (is.null(fit$nclusters)) NULL else fit$nclusters)
}
dim_t <- function(fit) {
  list(estimate = unname(fit$coefficients), std_error = unname(fit$std.error),
    statistic = unname(fit$statistic), df = unname(fit$df), p_value = unname(fit$p.value),
    conf_low = unname(fit$conf.low), conf_high = unname(fit$conf.high), n = fit$nobs,
    design = fit$design)
}

months <- list()
for (m in seq_len(M)) {
  d <- data[data$followup_months >= m, ]
  d$y <- as.numeric(!is.na(d$month_work) & d$month_work <= m)
  d$t <- as.numeric(d$arm == "experiment")
  f <- y ~ t + age + gender
  out <- list(month = m, n = nrow(d), events = sum(d$y),
    n_clusters = length(unique(d$office)))
  for (se in c("CR2", "stata", "CR0")) {
    out[[paste0("cr_", se)]] <- coef_t(lm_robust(f, data = d, clusters = office, se_type = se))
  }
  out$fe_CR2 <- coef_t(lm_robust(f, data = d, fixed_effects = ~block, clusters = office,
    se_type = "CR2"))
  out$fe_stata <- coef_t(lm_robust(f, data = d, fixed_effects = ~block, clusters = office,
    se_type = "stata"))
  out$fe_HC2 <- coef_t(lm_robust(f, data = d, fixed_effects = ~block, se_type = "HC2"))
  out$fe_only_CR2 <- coef_t(lm_robust(y ~ t, data = d, fixed_effects = ~block, clusters = office,
    se_type = "CR2"))
  ct <- coef_test(lm(f, data = d), vcov = "CR2", cluster = d$office, test = "Satterthwaite")
  out$club <- list(std_error = ct$SE[2], df = ct$df_Satt[2], p_value = ct$p_Satt[2])
  out$dim_blocks <- dim_t(difference_in_means(y ~ t, data = d, blocks = block))
  out$dim_clusters <- dim_t(difference_in_means(y ~ t, data = d, clusters = office))
  out$dim_both <- dim_t(difference_in_means(y ~ t, data = d, blocks = block, clusters = office))
  months[[m]] <- out
}

# compareArms on days_work: the same estimators on one outcome of every client.
data$t <- as.numeric(data$arm == "experiment")
fc <- days_work ~ t + age + gender
compare <- list(
  cr_CR2 = coef_t(lm_robust(fc, data = data, clusters = office, se_type = "CR2")),
  fe_CR2 = coef_t(lm_robust(fc, data = data, fixed_effects = ~block, clusters = office,
    se_type = "CR2")),
  fe_HC2 = coef_t(lm_robust(fc, data = data, fixed_effects = ~block, se_type = "HC2")),
  dim_blocks = dim_t(difference_in_means(days_work ~ t, data = data, blocks = block)),
  dim_clusters = dim_t(difference_in_means(days_work ~ t, data = data, clusters = office)),
  dim_both = dim_t(difference_in_means(days_work ~ t, data = data, blocks = block,
    clusters = office))
)
# timeFractions: the fraction of the follow-up in work, months_work / followup_months.
data$fraction_work <- data$months_work / data$followup_months
compare$tf_blocks <- dim_t(difference_in_means(fraction_work ~ t, data = data, blocks = block))
compare$tf_clusters <- dim_t(difference_in_means(fraction_work ~ t, data = data,
  clusters = office))
compare$tf_both <- dim_t(difference_in_means(fraction_work ~ t, data = data, blocks = block,
  clusters = office))

json <- to_json(list(
  generated_by = "tests/reference/series-clusters.R",
  r_version = R.version.string,
  estimatr = as.character(packageVersion("estimatr")),
  clubSandwich = as.character(packageVersion("clubSandwich")),
  months = months,
  compare = compare
))
writeLines(json, "tests/reference/series-clusters.json")
