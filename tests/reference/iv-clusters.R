# Reference results for cluster-robust 2SLS (ivRegression / complierEffect / evaluate with
# `clusters`; tests/estimate/iv-clusters.test.ts, tests/analysis/complier-clusters.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/iv-clusters.R
# It writes tests/reference/iv-clusters.csv (the synthetic cluster-randomised trial, generated
# here with set.seed: one row per client) and tests/reference/iv-clusters.json (R's results at
# 17 significant digits). The tests read only these files, so they never need R.
# Needs: estimatr (iv_robust, lm_robust).
#
# The trial: 26 offices of unequal size (5 to 45 clients) in 4 blocks, the office randomised
# within its block (z = 1: "experiment"); one-sided non-compliance: nobody in the control arm
# receives the service (participation "uwv_conversation"), in the experiment arm a share that
# depends on age and the office. Models (d = received, z = assigned, x = age + gender):
#   "earnings" (numeric, every client), se_type in CR2, stata, CR0:
#     raw:       iv_robust(earnings ~ d | z, clusters = office)
#     cov:       iv_robust(earnings ~ d + age + gender | z + age + gender, clusters = office)
#     fe:        iv_robust(earnings ~ d | z, fixed_effects = ~block, clusters = office)
#     fe_cov:    iv_robust(earnings ~ d + age + gender | z + age + gender, fixed_effects = ~block, clusters = office)
#     fe_dummy:  iv_robust(earnings ~ d + block | z + block, clusters = office) (the FE as dummies)
#   first stage and reduced form with the same clusters: lm_robust(d ~ z (+ x) (+ FE)),
#   lm_robust(y ~ z (+ x) (+ FE)).
#   "work6" (0/1: work by month 6 on the complete follow-up sample, followup_months >= 6):
#     the same raw / cov / fe_cov fits (what complierEffect and evaluate compute).
#   "participation": the difference in the received share of every client (participationTable),
#     difference_in_means(d ~ z, clusters = office) and (..., blocks = block, clusters = office).
suppressPackageStartupMessages({
  library(estimatr)
})

set.seed(20261201)
n_block <- 4
offices_per_block <- c(6, 7, 6, 7)
block_of_office <- rep(sprintf("b%d", seq_len(n_block)), times = offices_per_block)
n_office <- length(block_of_office)
size <- sample(5:45, n_office, replace = TRUE)
# Within each block about half the offices are treated (cluster randomisation blocked by region).
treat_office <- unlist(lapply(offices_per_block, function(k) sample(rep(c(0, 1), length.out = k))))
office_label <- sprintf("office%02d", seq_len(n_office))
office <- rep(office_label, times = size)
block <- rep(block_of_office, times = size)
z <- rep(treat_office, times = size)
n <- length(office)
id <- sprintf("c%04d", seq_len(n))
age <- round(rnorm(n, 40, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
office_eff <- rnorm(n_office, sd = 0.6)[match(office, office_label)]
block_eff <- c(b1 = 0, b2 = 0.3, b3 = -0.2, b4 = 0.5)[block]
# One-sided non-compliance: only assigned clients can receive the service.
p_take <- plogis(0.4 - 0.04 * (age - 40) + office_eff)
d <- ifelse(z == 1, as.numeric(runif(n) < p_take), 0)
assessed <- runif(n) < 0.5
participation <- ifelse(d == 1, "uwv_conversation",
  ifelse(z == 1 & assessed, "assessed_no_conversation", "not_assessed"))
# Outcomes: a numeric one (earnings) and the month of work (event within 8 months).
earnings <- round(800 + 350 * d + 12 * (age - 40) + 90 * (gender == "woman") + 400 * office_eff +
  300 * block_eff + rnorm(n, sd = 500), 2)
M <- 8
rate <- plogis(-2.3 + 0.6 * d + 0.02 * (age - 40) + 0.2 * (gender == "woman") + office_eff +
  block_eff)
event <- rep(NA_real_, n)
for (i in seq_len(n)) {
  for (m in seq_len(M)) if (runif(1) < rate[i]) {
    event[i] <- m
    break
  }
}
followup <- sample(c(4, 5, 6, 7, 8, 8, 8), n, replace = TRUE)
event[!is.na(event) & event > followup] <- NA
arm <- ifelse(z == 1, "experiment", "control")
data <- data.frame(id, arm, office, block, age, gender, participation, followup_months = followup,
  month_work = event, earnings, stringsAsFactors = FALSE)
write.csv(data, "tests/reference/iv-clusters.csv", row.names = FALSE, na = "")

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
# Every coefficient of a fit (terms in R's order), with estimatr's df, p and CI.
coefs <- function(fit) {
  nm <- names(coef(fit))
  out <- lapply(seq_along(nm), function(i) {
    list(term = nm[i], estimate = unname(coef(fit)[i]), std_error = unname(fit$std.error[i]),
      statistic = unname(fit$statistic[i]), df = unname(fit$df[i]),
      p_value = unname(fit$p.value[i]), conf_low = unname(fit$conf.low[i]),
      conf_high = unname(fit$conf.high[i]))
  })
  list(n = fit$nobs, n_clusters = fit$nclusters, coefficients = out)
}

models <- function(dat, outcome, fe_dummy) {
  y <- outcome
  forms <- list(
    raw = list(iv = paste(y, "~ d | z"), first = "d ~ z", reduced = paste(y, "~ z"), fe = FALSE),
    cov = list(iv = paste(y, "~ d + age + gender | z + age + gender"), first = "d ~ z + age + gender",
      reduced = paste(y, "~ z + age + gender"), fe = FALSE),
    fe = list(iv = paste(y, "~ d | z"), first = "d ~ z", reduced = paste(y, "~ z"), fe = TRUE),
    fe_cov = list(iv = paste(y, "~ d + age + gender | z + age + gender"),
      first = "d ~ z + age + gender", reduced = paste(y, "~ z + age + gender"), fe = TRUE)
  )
  out <- list()
  for (name in names(forms)) {
    f <- forms[[name]]
    for (se in c("CR2", "stata", "CR0")) {
      if (f$fe) {
        iv <- iv_robust(as.formula(f$iv), data = dat, clusters = office, fixed_effects = ~block,
          se_type = se)
        first <- lm_robust(as.formula(f$first), data = dat, clusters = office,
          fixed_effects = ~block, se_type = se)
        reduced <- lm_robust(as.formula(f$reduced), data = dat, clusters = office,
          fixed_effects = ~block, se_type = se)
      } else {
        iv <- iv_robust(as.formula(f$iv), data = dat, clusters = office, se_type = se)
        first <- lm_robust(as.formula(f$first), data = dat, clusters = office, se_type = se)
        reduced <- lm_robust(as.formula(f$reduced), data = dat, clusters = office, se_type = se)
      }
      out[[paste0(name, "_", se)]] <- list(iv = coefs(iv), first = coefs(first),
        reduced = coefs(reduced))
    }
  }
  if (fe_dummy) {
    for (se in c("CR2", "stata", "CR0")) {
      iv <- iv_robust(as.formula(paste(y, "~ d + block | z + block")), data = dat,
        clusters = office, se_type = se)
      out[[paste0("fe_dummy_", se)]] <- list(iv = coefs(iv))
    }
  }
  out
}

data$d <- as.numeric(data$participation == "uwv_conversation")
data$z <- as.numeric(data$arm == "experiment")
earn <- models(data, "earnings", TRUE)
month <- 6
w <- data[data$followup_months >= month, ]
w$work6 <- as.numeric(!is.na(w$month_work) & w$month_work <= month)
work <- models(w, "work6", FALSE)

dim_t <- function(fit) {
  list(estimate = unname(fit$coefficients), std_error = unname(fit$std.error),
    statistic = unname(fit$statistic), df = unname(fit$df), p_value = unname(fit$p.value),
    conf_low = unname(fit$conf.low), conf_high = unname(fit$conf.high), n = fit$nobs,
    design = fit$design)
}
participation_diff <- list(
  clusters = dim_t(difference_in_means(d ~ z, data = data, clusters = office)),
  blocks_clusters = dim_t(difference_in_means(d ~ z, data = data, blocks = block,
    clusters = office))
)

json <- to_json(list(
  generated_by = "tests/reference/iv-clusters.R",
  r_version = R.version.string,
  estimatr = as.character(packageVersion("estimatr")),
  n = nrow(data),
  n_clusters = n_office,
  cluster_sizes = I(size),
  earnings = earn,
  work = list(month = month, n = nrow(w), events = sum(w$work6), fits = work),
  participation = participation_diff
))
writeLines(json, "tests/reference/iv-clusters.json")
