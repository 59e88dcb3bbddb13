# Reference values for the policy figures' inputs and intervals (tests/analysis/impact-inputs.test.ts):
# the joint influence functions of the control share and the adjusted effect, the delta-method
# SE of the relative reduction with their covariance (derivation below), and the complier effect
# by 2SLS (estimatr::iv_robust), on the committed synthetic Den Haag data, decile 1, month 24.
#
# Re-run from the repository root with:
#   Rscript tests/reference/impact.R
# It writes tests/reference/impact.json at 17 significant digits. The tests read only the JSON.
# Needs: estimatr (lm_robust, iv_robust), jsonlite.
#
# Derivation. Control share c = mean(y | control); effect a = treatment coefficient of OLS of y on
# X = [1, treat, covariates]. Write a = sum_i v_i y_i with v = X (X'X)^-1 e_a, so a is linear in y
# given X, and its influence function is IF_a,i = v_i e_i (e = OLS residuals): the HC0 variance
# is sum v_i^2 e_i^2, HC2 divides each term by (1 - h_i). The control share's influence function
# is IF_c,i = 1{control} (y_i - c) / n_c, with variance sum IF_c,i^2 = c (1 - c) / n_c. The
# covariance of the two estimators is the cross term of the same sandwich:
#   cov(a, c) = sum_i IF_a,i IF_c,i = sum_{control} v_i e_i (y_i - c) / n_c.
# Relative reduction R = -a / c, gradient g = (dR/da, dR/dc) = (-1/c, a/c^2), so
#   var(R) = g' S g = se_a^2 / c^2 + a^2 se_c^2 / c^4 - 2 a cov(a, c) / c^3,
# and with cov = 0 the formula that treats them as independent.

suppressMessages({
  library(estimatr)
  library(jsonlite)
})

d <- read.csv("data/den-haag-pilot.csv", stringsAsFactors = FALSE, colClasses = c(id = "character"))
d <- d[d$decile == 1 & d$followup_months >= 24, ]
d$y <- as.numeric(!is.na(d$month_bijstand) & d$month_bijstand <= 24)
d$treat <- as.numeric(d$arm == "experiment")
d$received <- as.numeric(d$participation %in% c("uwv_conversation", "three_way_conversation"))
covariates <- c("gender", "education", "age", "avg_weekly_hours", "prior_bijstand",
  "ww_supplement", "household_type", "ww_monthly_wage", "ww_entitlement_months", "industry")
stopifnot(!anyNA(d[, covariates]))
f <- as.formula(paste("y ~ treat +", paste(covariates, collapse = " + ")))

fit <- lm_robust(f, data = d, se_type = "HC2")
a <- unname(coef(fit)["treat"])
se_a <- unname(fit$std.error["treat"])

ctrl <- d$treat == 0
n_c <- sum(ctrl)
cr <- mean(d$y[ctrl])
se_c <- sqrt(cr * (1 - cr) / n_c)

X <- model.matrix(f, data = d)
xtx_inv <- solve(crossprod(X))
v <- drop(X %*% xtx_inv[, "treat"])
e <- drop(d$y - X %*% (xtx_inv %*% crossprod(X, d$y)))
stopifnot(abs(sum(v * d$y) - a) < 1e-12)
cov_ac <- sum((v * e * (d$y - cr) / n_c)[ctrl])

rel <- -a / cr
se_rel_indep <- sqrt(se_a^2 / cr^2 + a^2 * se_c^2 / cr^4)
se_rel <- sqrt(se_a^2 / cr^2 + a^2 * se_c^2 / cr^4 - 2 * a * cov_ac / cr^3)

# Without covariates: a = difference in shares and cov(a, c) = -c (1 - c) / n_c exactly.
fit0 <- lm_robust(y ~ treat, data = d, se_type = "HC2")
X0 <- cbind(1, d$treat)
v0 <- drop(X0 %*% solve(crossprod(X0))[, 2])
e0 <- d$y - drop(X0 %*% solve(crossprod(X0), crossprod(X0, d$y)))
cov0 <- sum((v0 * e0 * (d$y - cr) / n_c)[ctrl])
stopifnot(abs(cov0 + cr * (1 - cr) / n_c) < 1e-15)

# Complier effect: received service instrumented by assignment, covariates in both stages.
fiv <- as.formula(paste("y ~ received +", paste(covariates, collapse = " + "), "| treat +",
  paste(covariates, collapse = " + ")))
iv <- iv_robust(fiv, data = d, se_type = "HC2")
iv0 <- iv_robust(y ~ received | treat, data = d, se_type = "HC2")
ivrow <- function(m) list(estimate = unname(coef(m)["received"]),
  std_error = unname(m$std.error["received"]), ci_lower = unname(m$conf.low["received"]),
  ci_upper = unname(m$conf.high["received"]), df = unname(m$df["received"]))

out <- list(
  meta = list(generated_by = "tests/reference/impact.R", r_version = R.version.string,
    estimatr = as.character(packageVersion("estimatr")), data = "data/den-haag-pilot.csv",
    sample = "decile 1, followup_months >= 24, y = month_bijstand <= 24"),
  n = nrow(d), n_control = n_c, n_treatment = sum(d$treat == 1),
  control_rate = cr, control_rate_se = se_c,
  effect = a, effect_se = se_a,
  covariance = cov_ac, correlation = cov_ac / (se_a * se_c),
  relative_reduction = rel, relative_reduction_se = se_rel,
  relative_reduction_se_independent = se_rel_indep,
  raw = list(effect = unname(coef(fit0)["treat"]), effect_se = unname(fit0$std.error["treat"]),
    covariance = cov0),
  complier_adjusted = ivrow(iv),
  complier_unadjusted = ivrow(iv0)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), "tests/reference/impact.json")
cat("wrote tests/reference/impact.json\n")
