# Reference values for the simultaneous (sup-t) band of the effect series with clusters
# (clusterSeriesJointCovariance in src/analysis/simultaneous-band.ts; effectSeries with
# clusters and band: 'sup-t'; tests/analysis/band-clusters.test.ts).
#
# Re-run from the repository root:
#   Rscript tests/reference/band-clusters.R
# It reads the cluster-randomised, blocked trial of tests/reference/series-clusters.csv (made by
# series-clusters.R) and writes tests/reference/band-clusters.json. Needs estimatr, mvtnorm.
#
# Written out by hand: for month m (clients observed >= m months, y = 1{month_work <= m}), design
# X_m, bread A_m = (X_m'X_m)^-1, residuals e_m, treatment column p, and for each cluster c the
# adjustment M_c (identity for CR0 and stata; B_c^(-1/2), B_c = I - X_c A_m X_c', for CR2, by
# eigen-decomposition), the cluster score
#   s_mc = sqrt(k_m) * (M_c X_c A_m a_p)' e_mc,   k_m = 1, or Stata's (n-1)/(n-K) * S/(S-1),
# so that sum_c s_mc^2 is month m's own cluster-robust variance (checked against lm_robust), and
#   Cov(b_m, b_l) = sum_c s_mc s_lc   (clusters independent, months within a cluster not).
# The critical value is the equicoordinate quantile of N(0, R), R = cov2cor(V):
# mvtnorm::qmvnorm(0.95, corr = R, tail = "both.tails"), two seeds averaged as in band.R.
suppressPackageStartupMessages({
  library(estimatr)
  library(mvtnorm)
})

d0 <- read.csv("tests/reference/series-clusters.csv", stringsAsFactors = FALSE)
d0$t <- as.numeric(d0$arm == "experiment")
M <- 8
offices <- unique(d0$office)

inv_sqrt <- function(B) {
  e <- eigen(B, symmetric = TRUE)
  e$vectors %*% diag(1 / sqrt(e$values), nrow(B)) %*% t(e$vectors)
}

band <- function(formula, se_type) {
  S <- matrix(0, length(offices), M)
  est <- se <- numeric(M)
  for (m in seq_len(M)) {
    d <- d0[d0$followup_months >= m, ]
    d$y <- as.numeric(!is.na(d$month_work) & d$month_work <= m)
    fit <- lm(formula, data = d)
    X <- model.matrix(fit)
    A <- solve(crossprod(X))
    ap <- A[, "t"]
    e <- residuals(fit)
    n <- nrow(X)
    G <- length(unique(d$office))
    k <- if (se_type == "stata") (n - 1) / (n - ncol(X)) * G / (G - 1) else 1
    for (c in unique(d$office)) {
      rows <- which(d$office == c)
      Xc <- X[rows, , drop = FALSE]
      Mc <- if (se_type == "CR2") inv_sqrt(diag(length(rows)) - Xc %*% A %*% t(Xc)) else
        diag(length(rows))
      u <- Mc %*% Xc %*% ap
      S[match(c, offices), m] <- sqrt(k) * sum(u * e[rows])
    }
    robust <- lm_robust(formula, data = d, clusters = office, se_type = se_type)
    est[m] <- coef(fit)["t"]
    se[m] <- robust$std.error["t"]
  }
  V <- crossprod(S)
  stopifnot(max(abs(sqrt(diag(V)) - se) / se) < 1e-10)
  # As supTBand: months with zero variance are left out, and a month perfectly correlated with
  # an earlier one (same sample, no new event: the same estimate) counts once.
  kept <- integer(0)
  for (m in seq_len(M)) {
    if (!(V[m, m] > 0)) next
    r <- V[m, kept] / sqrt(V[m, m] * diag(V)[kept])
    if (!any(abs(r) > 1 - 1e-12)) kept <- c(kept, m)
  }
  R <- cov2cor(V[kept, kept])
  qs <- sapply(c(1, 2), function(seed) {
    set.seed(seed)
    qmvnorm(0.95, corr = R, tail = "both.tails", abseps = 2e-4, maxpts = 1e5)$quantile
  })
  cat(deparse(formula), se_type, ": months", kept, "critical value", qs, "\n")
  list(estimate = est, stdError = se, jointCovariance = unname(V), criticalValue = mean(qs),
    criticalValueRuns = qs)
}

out <- list(
  cr2 = band(y ~ t + age + gender, "CR2"),
  stata = band(y ~ t + age + gender, "stata"),
  cr0 = band(y ~ t + age + gender, "CR0"),
  fe_cr2 = band(y ~ t + age + gender + block, "CR2"),
  raw_cr2 = band(y ~ t, "CR2")
)

num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(as.vector(x)), collapse = ","), "]")
entry <- function(b) {
  paste0("{\"estimate\":", vec(b$estimate), ",\"stdError\":", vec(b$stdError),
    ",\"jointCovariance\":", vec(t(b$jointCovariance)), ",\"criticalValue\":",
    num(b$criticalValue), ",\"criticalValueRuns\":", vec(b$criticalValueRuns), "}")
}
json <- paste0("{", paste0("\"", names(out), "\":", vapply(out, entry, ""), collapse = ","), "}")
writeLines(json, "tests/reference/band-clusters.json")
cat("wrote tests/reference/band-clusters.json\n")
