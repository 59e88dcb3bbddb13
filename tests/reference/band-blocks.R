# Reference values for the sup-t band of the blocked difference in means (effectSeries with
# blocks, adjustment 'none', band 'sup-t'; blockedRawJointCovariance in
# src/analysis/simultaneous-band.ts; tests/analysis/band-clusters.test.ts).
#
# Re-run from the repository root:
#   Rscript tests/reference/band-blocks.R
# It reads tests/reference/series-clusters.csv (made by series-clusters.R; the blocks are
# column `block`, clusters ignored: an individually randomised blocked reading of the file) and
# writes tests/reference/band-blocks.json. Needs estimatr, mvtnorm.
#
# Written out by hand: at month m (clients observed >= m months, y = 1{month_work <= m}), block
# b with n_b clients of N, n_1b treated and n_0b control, the blocked estimate is
# sum_b (n_b/N)(ybar_1b - ybar_0b) and each client's score
#   psi_mi = (n_b/N) * (y_mi - ybar_arm,b) / sqrt(n_arm,b (n_arm,b - 1)) * (+1 treated, -1 control),
# so sum_i psi_mi^2 = sum_b (n_b/N)^2 (s1b^2/n1b + s0b^2/n0b), difference_in_means(blocks =)'s
# variance (checked below), and Cov(m, l) = sum_i psi_mi psi_li. Critical value:
# mvtnorm::qmvnorm(0.95, corr = cov2cor(V), tail = "both.tails").
suppressPackageStartupMessages({
  library(estimatr)
  library(mvtnorm)
})

d0 <- read.csv("tests/reference/series-clusters.csv", stringsAsFactors = FALSE)
d0$t <- as.numeric(d0$arm == "experiment")
M <- 8
n <- nrow(d0)
S <- matrix(0, n, M)
est <- se <- numeric(M)
for (m in seq_len(M)) {
  keep <- which(d0$followup_months >= m)
  d <- d0[keep, ]
  d$y <- as.numeric(!is.na(d$month_work) & d$month_work <= m)
  N <- nrow(d)
  for (b in unique(d$block)) {
    for (arm in 0:1) {
      rows <- which(d$block == b & d$t == arm)
      nb <- sum(d$block == b)
      na <- length(rows)
      S[keep[rows], m] <- (if (arm == 1) 1 else -1) * (nb / N) *
        (d$y[rows] - mean(d$y[rows])) / sqrt(na * (na - 1))
    }
  }
  fit <- difference_in_means(y ~ t, data = d, blocks = block)
  est[m] <- fit$coefficients
  se[m] <- fit$std.error
}
V <- crossprod(S)
stopifnot(max(abs(sqrt(diag(V)) - se) / se) < 1e-10)
set.seed(1)
q <- qmvnorm(0.95, corr = cov2cor(V), tail = "both.tails", abseps = 2e-4, maxpts = 1e5)$quantile
cat("blocked raw: critical value", q, "\n")
num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(as.vector(x)), collapse = ","), "]")
writeLines(paste0("{\"estimate\":", vec(est), ",\"stdError\":", vec(se), ",\"jointCovariance\":",
  vec(t(V)), ",\"criticalValue\":", num(q), "}"), "tests/reference/band-blocks.json")
cat("wrote tests/reference/band-blocks.json\n")
