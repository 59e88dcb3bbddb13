# Reference results for designs with structurally aliased columns (tests/estimate/structural-aliasing.test.ts):
# a column equal, value for value, to an earlier one (a subgroup dummy that is also a covariate,
# a covariate constant 1 like the intercept) and a constant-zero column (a covariate level absent
# from the sample), beside an ordinary near-collinear-free rest. R's lm decides which columns are
# aliased (dqrdc2, tol 1e-7: NA coefficients); estimatr's lm_robust gives the HC2 inference of
# the others, unweighted and weighted.
#
# Re-run from the repository root with:
#   Rscript tests/reference/structural-aliasing.R
# It writes tests/reference/structural-aliasing.json: the design (generated here with set.seed),
# y, the weights and R's results at 17 significant digits. The tests read only the JSON.
# Needs: estimatr (lm_robust), jsonlite.
suppressPackageStartupMessages({
  library(estimatr)
  library(jsonlite)
})

set.seed(20261202)
n <- 240
t <- rbinom(n, 1, 0.6)
g <- rbinom(n, 1, 0.5)
edu <- sample(c("low", "mid", "high"), n, replace = TRUE)
x1 <- round(rnorm(n, 40, 10), 1)
w <- runif(n, 0.5, 2)
X <- cbind(
  "(Intercept)" = 1,
  treatment = t,
  "g[b]" = g,
  "treatment:g[b]" = t * g,
  "gender[b]" = g, # the subgroup dummy again, as a covariate
  "edu[mid]" = as.numeric(edu == "mid"),
  "edu[high]" = as.numeric(edu == "high"),
  "region[oost]" = 0, # a level absent from the sample
  x1 = x1,
  "always" = 1, # a covariate constant 1: the intercept again
  "x1copy" = x1 # a covariate repeated
)
y <- as.numeric(0.2 + 0.1 * t - 0.05 * g + 0.002 * x1 + rnorm(n, 0, 0.3) > 0.35)

fit_of <- function(weights) {
  d <- data.frame(y = y, X, check.names = FALSE)
  f <- if (is.null(weights)) lm(y ~ 0 + X) else lm(y ~ 0 + X, weights = weights)
  b <- coef(f)
  names(b) <- colnames(X)
  aliased <- names(b)[is.na(b)]
  kept <- colnames(X)[!is.na(b)]
  Xk <- X[, kept, drop = FALSE]
  r <- if (is.null(weights)) {
    lm_robust(y ~ 0 + Xk, se_type = "HC2")
  } else {
    lm_robust(y ~ 0 + Xk, weights = weights, se_type = "HC2")
  }
  list(
    aliased = I(aliased),
    terms = I(kept),
    estimate = unname(coef(r)),
    std_error = unname(r$std.error),
    p_value = unname(r$p.value),
    df = unname(r$df)[1]
  )
}

out <- list(
  names = I(colnames(X)),
  columns = lapply(seq_len(ncol(X)), function(j) I(unname(X[, j]))),
  y = I(y),
  weights = I(w),
  unweighted = fit_of(NULL),
  weighted = fit_of(w)
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), "tests/reference/structural-aliasing.json")
