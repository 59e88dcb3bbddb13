# Reference values for the simultaneous (sup-t) band of the effect series
# (src/analysis/simultaneous-band.ts, src/stats/mvnorm.ts).
#
# Re-run from the repository root:
#   Rscript tests/reference/band.R
# It reads the clients of tests/reference/analysis.json (made by analysis.R) and writes
# tests/reference/band.json. Needs estimatr, mvtnorm and jsonlite.
#
# The joint covariance of the monthly treatment coefficients is the cross-month HC2 sandwich,
# written out here by hand from lm(): for month m with sample S_m (clients observed >= m
# months), design X_m, residuals e_m and leverages h_m, the treatment coefficient is
# sum_i a_mi y_mi with a_m the treatment row of (X_m'X_m)^-1 X_m', and
#   Cov(b_m, b_l) = sum_{i in S_m and S_l} a_mi e_mi / sqrt(1 - h_mi) * a_li e_li / sqrt(1 - h_li),
# whose diagonal is each month's own HC2 variance (checked against lm_robust below). The raw
# difference in shares uses the same form with X = [1, T] and no leverage scaling (HC0), whose
# diagonal is the unpooled p1(1-p1)/n1 + p0(1-p0)/n0. The critical value is the equicoordinate
# quantile of N(0, R), R = cov2cor(V): mvtnorm::qmvnorm(level, corr = R, tail = "both.tails").
suppressPackageStartupMessages({
  library(estimatr)
  library(mvtnorm)
  library(jsonlite)
})

clients <- as.data.frame(fromJSON("tests/reference/analysis.json")$data)
clients$treatment <- as.numeric(clients$arm == "experiment")
n <- nrow(clients)
months <- 1:24

scores <- function(adjusted) {
  s <- matrix(0, n, length(months))
  est <- se <- numeric(length(months))
  for (m in months) {
    keep <- which(clients$followup_months >= m)
    d <- clients[keep, ]
    d$y <- as.numeric(!is.na(d$month_bijstand) & d$month_bijstand <= m)
    if (adjusted) {
      fit <- lm(y ~ treatment + age + gender + education + prior_bijstand, data = d)
      X <- model.matrix(fit)
      A <- solve(crossprod(X), t(X))["treatment", ]
      h <- hatvalues(fit)
      s[keep, m] <- A * residuals(fit) / sqrt(1 - h)
      est[m] <- coef(fit)["treatment"]
      robust <- lm_robust(y ~ treatment + age + gender + education + prior_bijstand, data = d,
                          se_type = "HC2")
      se[m] <- robust$std.error["treatment"]
    } else {
      t1 <- d$treatment == 1
      p1 <- mean(d$y[t1]); p0 <- mean(d$y[!t1])
      a <- ifelse(t1, 1 / sum(t1), -1 / sum(!t1))
      s[keep, m] <- a * (d$y - ifelse(t1, p1, p0))
      est[m] <- p1 - p0
      se[m] <- sqrt(p1 * (1 - p1) / sum(t1) + p0 * (1 - p0) / sum(!t1))
    }
  }
  V <- crossprod(s)
  stopifnot(max(abs(sqrt(diag(V)) - se) / se) < 1e-10)
  list(estimate = est, stdError = se, jointCovariance = V)
}

critical <- function(R, seed) {
  set.seed(seed)
  q <- qmvnorm(0.95, corr = R, tail = "both.tails", abseps = 5e-5, maxpts = 5e5)
  cat("qmvnorm seed", seed, "dim", nrow(R), ":", q$quantile, "\n")
  q$quantile
}

series <- list()
for (kind in c("adjusted", "raw")) {
  r <- scores(kind == "adjusted")
  R <- cov2cor(r$jointCovariance)
  # Two runs with different seeds: their spread shows mvtnorm's own Monte Carlo error.
  qs <- sapply(c(1, 2), function(seed) critical(R, seed))
  z <- abs(r$estimate / r$stdError)
  series[[kind]] <- list(
    estimate = r$estimate, stdError = r$stdError,
    jointCovariance = unname(r$jointCovariance),
    criticalValue = mean(qs), criticalValueRuns = qs,
    # Holm across the 24 months (normal p-values), as the report's multiplicity-adjusted p.
    pHolm = p.adjust(2 * pnorm(-z), "holm")
  )
}

ar <- 0.9^abs(outer(1:24, 1:24, "-"))
equi <- matrix(0.5, 6, 6); diag(equi) <- 1
matrices <- list(
  list(name = "ar0.9-24", corr = unname(ar), criticalValue = mean(sapply(1:2, function(s) critical(ar, s)))),
  list(name = "equicorrelated0.5-6", corr = unname(equi), criticalValue = mean(sapply(1:2, function(s) critical(equi, s))))
)

write(toJSON(list(series = series, matrices = matrices), digits = NA, auto_unbox = TRUE, matrix = "rowmajor"),
      "tests/reference/band.json")
cat("wrote tests/reference/band.json\n")
