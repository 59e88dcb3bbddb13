# Re-run from the repository root with:  Rscript tests/reference/lee-bounds.R
# Writes tests/reference/lee-bounds.json: Lee (2009) trimming bounds computed by hand — the
# selection rates, the trimming share, the trimmed means, Lee's analytic variance
# (Proposition 3) written out term by term, and the Imbens-Manski (2004) critical value by
# uniroot — for four data sets (their values are in the JSON, so the test feeds the library
# the same numbers). No package implements exactly this (fractional weight on the boundary
# value), so every step is spelled out here.
library(jsonlite)

# Trimmed mean keeping m = (1 - p) * ns of the sorted values from the top or the bottom; the
# boundary value gets weight m - floor(m). Returns the mean, the boundary value (the quantile
# y_p or y_(1-p)), the variance of the kept values (divisor m) and Lee's variance of the
# estimated trimmed mean:
#   sigma^2 / (m) + (y_q - mu)^2 * p / m + (y_q - mu)^2 * vp,
# m = (1 - p) ns, vp = (1 - q0)/(q0 n0) + (1 - q1)/(q1 n1).
# Derivation of the first two terms: the influence function of the top-(1-p) trimmed mean at a
# known p is A (y - y_p)/(1 - p) + (y_p - mu), A = 1{y > y_p}; its variance is
# sigma^2/(1 - p) + (y_p - mu)^2 p/(1 - p), divided by ns. The third: d mu / d p =
# (mu - y_p)/(1 - p), and p = 1 - q0/q1 has variance (1 - p)^2 vp by the delta method.
trimmed <- function(y, p, side, vp) {
  ns <- length(y)
  s <- sort(y, decreasing = (side == "top"))
  m <- (1 - p) * ns
  whole <- floor(m + 1e-9)
  frac <- if (m - whole > 1e-9) m - whole else 0
  w <- c(rep(1, whole), if (frac > 0) frac else numeric(0))
  kept <- s[seq_along(w)]
  mu <- sum(w * kept) / m
  yq <- kept[length(kept)]
  sigma2 <- sum(w * (kept - mu)^2) / m
  v <- sigma2 / m + (yq - mu)^2 * p / m + (yq - mu)^2 * vp
  list(mean = mu, quantile = yq, variance = sigma2, sampling = v)
}

im_critical <- function(width, sigma, level) {
  r <- width / sigma
  uniroot(function(c) pnorm(c + r) - pnorm(-c) - level,
          c(qnorm(level) - 1e-6, qnorm(1 - (1 - level) / 2) + 1e-6), tol = 1e-15)$root
}

lee <- function(y1, n1, y0, n0, level = 0.95) {
  s1 <- length(y1); s0 <- length(y0)
  q1 <- s1 / n1; q0 <- s0 / n0
  vp <- (1 - q0) / (q0 * n0) + (1 - q1) / (q1 * n1)
  z <- qnorm(1 - (1 - level) / 2)
  if (q1 >= q0) {
    p <- (q1 - q0) / q1
    top <- trimmed(y1, p, "top", vp); bottom <- trimmed(y1, p, "bottom", vp)
    vo <- var(y0) / s0
    lower <- bottom$mean - mean(y0); upper <- top$mean - mean(y0)
    vl <- bottom$sampling + vo; vu <- top$sampling + vo
    arm <- "treatment"
  } else {
    p <- (q0 - q1) / q0
    top <- trimmed(y0, p, "top", vp); bottom <- trimmed(y0, p, "bottom", vp)
    vo <- var(y1) / s1
    lower <- mean(y1) - top$mean; upper <- mean(y1) - bottom$mean
    vl <- top$sampling + vo; vu <- bottom$sampling + vo
    arm <- "control"
  }
  sl <- sqrt(vl); su <- sqrt(vu)
  cim <- im_critical(upper - lower, max(sl, su), level)
  binary <- all(c(y1, y0) %in% c(0, 1))
  naive <- if (binary) {
    d <- mean(y1) - mean(y0)
    se <- sqrt(mean(y1) * (1 - mean(y1)) / s1 + mean(y0) * (1 - mean(y0)) / s0)
    list(estimate = d, std_error = se, p_value = 2 * pnorm(-abs(d / se)))
  } else {
    t <- t.test(y1, y0, var.equal = FALSE)
    list(estimate = unname(t$estimate[1] - t$estimate[2]), std_error = unname(t$stderr),
         p_value = t$p.value)
  }
  list(
    y1 = y1, n1 = n1, y0 = y0, n0 = n0, level = level,
    q1 = q1, q0 = q0, trimmed_arm = arm, p = p,
    top_mean = top$mean, top_quantile = top$quantile, bottom_mean = bottom$mean,
    bottom_quantile = bottom$quantile,
    lower = lower, upper = upper, se_lower = sl, se_upper = su,
    ci_lower = c(lower - z * sl, lower + z * sl), ci_upper = c(upper - z * su, upper + z * su),
    p_lower = 2 * pnorm(-abs(lower / sl)), p_upper = 2 * pnorm(-abs(upper / su)),
    im_critical = cim, im_ci = c(lower - cim * sl, upper + cim * su),
    naive = naive
  )
}

set.seed(20260)
cases <- list()
# 1. wages, more treated job holders (treated trimmed), fractional boundary weight
y1 <- round(exp(rnorm(230, log(14), 0.25)), 2); y0 <- round(exp(rnorm(190, log(13.8), 0.25)), 2)
cases$wage_treated_trimmed <- lee(y1, 500, y0, 480)
# 2. fewer treated job holders: the control arm is trimmed
y1 <- round(rnorm(150, 150, 60)); y0 <- round(rnorm(210, 148, 60))
cases$days_control_trimmed <- lee(y1, 400, y0, 410, level = 0.9)
# 3. a 0/1 outcome (permanent contract): ties at the trimming quantile
y1 <- rbinom(300, 1, 0.17); y0 <- rbinom(260, 1, 0.18)
cases$binary_ties <- lee(y1, 700, y0, 690)
# 4. equal selection rates: p = 0, bounds equal the naive difference
y1 <- round(rnorm(40, 10, 3), 1); y0 <- round(rnorm(50, 9, 3), 1)
cases$no_trimming <- lee(y1, 80, y0, 100)

writeLines(toJSON(cases, auto_unbox = TRUE, digits = NA, pretty = FALSE),
           "tests/reference/lee-bounds.json")
