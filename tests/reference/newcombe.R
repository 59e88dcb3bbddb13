# Re-run from the repository root with:  Rscript tests/reference/newcombe.R
# Writes tests/reference/newcombe.json: Newcombe's (1998) hybrid score interval ("method 10")
# for the difference of two proportions, and the p-value that inverts it, written out by hand
# (DescTools::BinomDiffCI(method = "score") is the packaged version; it is not needed here).
# The Wilson limits of each arm come from base R's prop.test(correct = FALSE), not from the
# formula the library uses, so the test checks the library's Wilson limits as well.
library(jsonlite)

wilson <- function(x, n, level) {
  if (n == 0) stop("n = 0")
  as.numeric(suppressWarnings(prop.test(x, n, conf.level = level, correct = FALSE))$conf.int)
}

# Wilson (1927) limits for a normal quantile z written out (for z beyond qnorm(1 - 1e-16),
# where prop.test's conf.level rounds to 1): (x + z^2/2 -+ z sqrt(x(n - x)/n + z^2/4)) / (n + z^2).
wilson_z <- function(x, n, z) {
  centre <- (x + z^2 / 2) / (n + z^2)
  half <- z / (n + z^2) * sqrt(x * (n - x) / n + z^2 / 4)
  c(max(0, centre - half), min(1, centre + half))
}

# Newcombe (1998), method 10: with Wilson limits (l1, u1), (l2, u2) and d = p1 - p2,
# L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2).
combine <- function(x1, n1, x2, n2, w1, w2) {
  p1 <- x1 / n1; p2 <- x2 / n2; d <- p1 - p2
  c(d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
newcombe <- function(x1, n1, x2, n2, level = 0.95) {
  combine(x1, n1, x2, n2, wilson(x1, n1, level), wilson(x2, n2, level))
}

# The test that inverts the interval: p = the smallest 1 - level at which the interval reaches
# 0 (the lower limit when d > 0, the upper when d < 0); p = 1 when d = 0.
newcombe_p <- function(x1, n1, x2, n2) {
  d <- x1 / n1 - x2 / n2
  if (d == 0) return(1)
  side <- if (d > 0) 1 else 2
  f <- function(z) combine(x1, n1, x2, n2, wilson_z(x1, n1, z), wilson_z(x2, n2, z))[side]
  z <- uniroot(f, c(1e-9, 40), tol = 1e-14)$root
  2 * pnorm(-z)
}

# Newcombe (1998), Table II, examples (a)-(h), and cases of the effect series (few events).
cases <- list(
  c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29),
  c(0, 10, 0, 20), c(0, 10, 0, 10), c(10, 10, 0, 20), c(10, 10, 0, 10),
  c(3, 160, 5, 40), c(0, 160, 4, 40), c(12, 978, 1, 240), c(144, 144, 0, 96), c(1, 32, 2, 8)
)
out <- lapply(cases, function(k) {
  ci95 <- newcombe(k[1], k[2], k[3], k[4], 0.95)
  ci90 <- newcombe(k[1], k[2], k[3], k[4], 0.90)
  list(x1 = k[1], n1 = k[2], x2 = k[3], n2 = k[4],
       wilson1 = wilson(k[1], k[2], 0.95), wilson2 = wilson(k[3], k[4], 0.95),
       ci95 = ci95, ci90 = ci90, p = newcombe_p(k[1], k[2], k[3], k[4]))
})
writeLines(toJSON(list(R = R.version.string, cases = out), digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference/newcombe.json")
