# Re-run from the repository root with:  Rscript tests/reference/stats.R
# Writes tests/reference/stats.json: deterministic input data (set.seed) and R's results for
# the tests in tests/stats/, at 17 significant digits. The tests read the JSON; they never need R.
# Only base R (stats) is used; the JSON is written by hand so that every number keeps full precision.

num <- function(x) {
  ifelse(is.na(x), "null",
    ifelse(is.finite(x), sprintf("%.17g", x), ifelse(x > 0, '"Infinity"', '"-Infinity"')))
}
scalar <- function(x) {
  if (is.character(x)) return(paste0('"', gsub('"', '\\\\"', x), '"'))
  if (is.logical(x)) return(tolower(as.character(x)))
  num(as.numeric(x))
}
vec <- function(x) paste0("[", paste0(vapply(x, scalar, ""), collapse = ","), "]")
# Vectors marked with arr() stay arrays even when of length 1.
arr <- function(x) structure(x, json_array = TRUE)
to_json <- function(x) {
  if (is.data.frame(x)) x <- as.list(x)
  if (is.matrix(x)) return(paste0("[", paste0(apply(x, 1, vec), collapse = ","), "]"))
  if (is.list(x)) {
    if (!is.null(names(x))) {
      return(paste0("{", paste0('"', names(x), '":', vapply(x, to_json, ""), collapse = ","), "}"))
    }
    return(paste0("[", paste0(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (length(x) == 1 && is.null(attr(x, "json_array"))) return(scalar(x))
  vec(x)
}

out <- list(R = R.version.string)

# ---- distributions --------------------------------------------------------------------------
dfs <- c(1, 1.5, 2, 3, 4.7, 10, 30, 100, 1000, 12345.6, 1e5, 1e6)
xs <- c(1e-8, 0.001, 0.1, 0.5, 1, 1.5, 2, 3, 5, 8, 10, 20, 40, 100, 1e3, 1e5)
ps <- c(1e-300, 1e-100, 1e-30, 1e-15, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.1, 0.3, 0.45, 0.55,
        0.7, 0.9, 0.975, 0.999, 1 - 1e-10)
nx <- c(-37, -30, -20, -10, -8, -5.7, -5, -3, -1.96, -1, -0.5, -0.1, 0, 0.3, 0.7, 1, 2, 5, 7, 8.2)
out$pnorm <- list(x = nx, p = pnorm(nx))
out$qnorm <- list(p = ps, q = qnorm(ps))
g <- expand.grid(x = c(-rev(xs), 0, xs), df = dfs)
out$pt <- list(x = g$x, df = g$df, p = pt(g$x, g$df))
# R's quantiles are kept only where R's own CDF maps them back to p (R 4.x qt/qf lose accuracy
# in extreme tails; the TypeScript tests check those points by round trip instead).
g <- expand.grid(p = ps, df = dfs)
g$q <- qt(g$p, g$df)
back <- ifelse(g$p < 0.5, pt(g$q, g$df), pt(g$q, g$df, lower.tail = FALSE))
target <- pmin(g$p, 1 - g$p)
g <- g[abs(back - target) <= 1e-12 * target, ]
out$qt <- list(p = g$p, df = g$df, q = g$q)
g <- expand.grid(x = c(xs, 2000, 1e4, 1.1e6), df = dfs)
out$pchisq <- list(x = g$x, df = g$df, p = pchisq(g$x, g$df, lower.tail = FALSE))
g <- expand.grid(p = ps[ps >= 1e-100], df = dfs)
g$q <- qchisq(g$p, g$df)
g$qu <- qchisq(g$p, g$df, lower.tail = FALSE)
out$qchisq <- list(p = g$p, df = g$df, q = g$q, qu = g$qu)
df1s <- c(1, 2, 3, 7.5, 50, 1e6)
df2s <- c(1, 2.5, 5, 30, 1000, 1e6, Inf)
g <- expand.grid(x = c(xs, 1.01, 0.99), df1 = df1s, df2 = df2s)
out$pf <- list(x = g$x, df1 = g$df1, df2 = g$df2, p = pf(g$x, g$df1, g$df2, lower.tail = FALSE))
g <- expand.grid(p = ps, df1 = df1s, df2 = df2s)
g$q <- qf(g$p, g$df1, g$df2)
lowtail <- pmin(pf(g$q, g$df1, g$df2), pf(g$q, g$df1, g$df2, lower.tail = FALSE))
target <- pmin(g$p, 1 - g$p)
g <- g[is.finite(g$q) & g$q > 0 & abs(lowtail - target) <= 1e-12 * target, ]
out$qf <- list(p = g$p, df1 = g$df1, df2 = g$df2, q = g$q)

# ---- difference in proportions ----------------------------------------------------------------
set.seed(20240101)
treated <- rbinom(250, 1, 0.34)
control <- rbinom(180, 1, 0.25)
pt1 <- prop.test(c(sum(treated), sum(control)), c(length(treated), length(control)), correct = FALSE)
pt90 <- prop.test(c(sum(treated), sum(control)), c(length(treated), length(control)),
                  correct = FALSE, conf.level = 0.9)
counts <- list(x1 = 1532, n1 = 9788, x2 = 342, n2 = 2403)
pt2 <- prop.test(c(counts$x1, counts$x2), c(counts$n1, counts$n2), correct = FALSE)
out$proportions <- list(
  treated = arr(treated), control = arr(control),
  prop_test = list(statistic = unname(pt1$statistic), p_value = pt1$p.value,
                   ci = arr(pt1$conf.int), estimate = arr(unname(pt1$estimate)),
                   ci90 = arr(pt90$conf.int)),
  counts = counts,
  counts_prop_test = list(statistic = unname(pt2$statistic), p_value = pt2$p.value,
                          ci = arr(pt2$conf.int))
)

# ---- t tests -------------------------------------------------------------------------------
set.seed(7)
x <- round(rnorm(23, mean = 10.3, sd = 2.1), 3)
y <- round(rnorm(31, mean = 9.1, sd = 3.4), 3)
xp <- round(rnorm(15, mean = 5, sd = 1), 3)
yp <- round(xp - rnorm(15, mean = 0.4, sd = 0.5), 3)
tt <- function(r) list(statistic = unname(r$statistic), df = unname(r$parameter),
                       p_value = r$p.value, ci = arr(unname(r$conf.int)),
                       estimate = arr(unname(r$estimate)), std_error = r$stderr)
out$means <- list(
  x = arr(x), y = arr(y), xp = arr(xp), yp = arr(yp),
  welch = tt(t.test(x, y)),
  welch90 = tt(t.test(x, y, conf.level = 0.9)),
  welch_mu = tt(t.test(x, y, mu = 0.5)),
  pooled = tt(t.test(x, y, var.equal = TRUE)),
  one_sample = tt(t.test(x, mu = 10)),
  paired = tt(t.test(xp, yp, paired = TRUE))
)

# ---- chi-square --------------------------------------------------------------------------
set.seed(11)
tab <- matrix(rpois(12, lambda = c(30, 45, 20, 60, 25, 40, 35, 50, 15, 20, 30, 10)), nrow = 3)
tab2 <- matrix(c(12, 5, 7, 15), nrow = 2)
chi <- function(r) list(statistic = unname(r$statistic), df = unname(r$parameter),
                        p_value = r$p.value, expected = unname(r$expected),
                        residuals = unname(r$residuals), stdres = unname(r$stdres))
gender <- matrix(c(2841, 1774, 2, 2709, 1910, 1), nrow = 3)
gof_obs <- c(18, 29, 33, 20)
gof_p <- c(0.2, 0.3, 0.3, 0.2)
out$chisquare <- list(
  table = unclass(tab), independence = chi(chisq.test(tab)),
  table2 = tab2, yates = chi(chisq.test(tab2, correct = TRUE)),
  no_yates = chi(chisq.test(tab2, correct = FALSE)),
  gof_observed = arr(gof_obs), gof_probabilities = arr(gof_p),
  gof = chi(chisq.test(gof_obs, p = gof_p)),
  gender = gender, gender_test = chi(suppressWarnings(chisq.test(gender))),
  arms = arr(c(9788, 2403)), arms_test = chi(chisq.test(c(9788, 2403), p = c(0.8, 0.2)))
)
out$chisquare$gof$expected <- arr(out$chisquare$gof$expected)

# ---- p.adjust ----------------------------------------------------------------------------
set.seed(3)
p <- c(round(runif(12)^3, 4), 0.01, 0.01, 0.04, 0.04, 0, 1)
out$p_adjust <- list(
  p = arr(p),
  bonferroni = arr(p.adjust(p, "bonferroni")), holm = arr(p.adjust(p, "holm")),
  BH = arr(p.adjust(p, "BH")), holm_n30 = arr(p.adjust(p, "holm", n = 30)),
  BH_n30 = arr(p.adjust(p, "BH", n = 30))
)

writeLines(to_json(out), "tests/reference/stats.json")
cat("wrote tests/reference/stats.json\n")
