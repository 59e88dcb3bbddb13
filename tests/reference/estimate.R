# Reference results for the estimators in src/estimate/ (tests/estimate/*.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/estimate.R
# It writes tests/reference/estimate.json: the input data (generated here with set.seed) and R's
# results at 17 significant digits. The tests read only the JSON, so they never need R.
# Needs: estimatr (lm_robust, lm_lin, iv_robust), stats (lm, glm).
suppressPackageStartupMessages(library(estimatr))

set.seed(20240501)
n <- 400
treatment <- rbinom(n, 1, 0.5)
age <- round(rnorm(n, 40, 10), 1)
female <- rbinom(n, 1, 0.45)
region <- factor(sample(c("noord", "oost", "west", "zuid"), n, replace = TRUE))
months <- round(rexp(n, 1 / 12), 2)
region_effect <- c(noord = 0, oost = 0.2, west = -0.1, zuid = 0.3)[as.character(region)]
y <- 2 + 0.4 * treatment + 0.03 * age - 0.3 * female + region_effect + 0.02 * months +
  rnorm(n, sd = 1 + 0.5 * treatment + 0.3 * female)
ybin <- rbinom(n, 1, plogis(-1 + 0.5 * treatment + 0.02 * (age - 40) - 0.3 * female + 0.03 * months))
w <- round(runif(n, 0.5, 2), 3)
# Encouragement design: z assigned, d = take-up (one-sided-ish non-compliance).
z <- rbinom(n, 1, 0.5)
d <- ifelse(z == 1, rbinom(n, 1, 0.7), rbinom(n, 1, 0.1))
yiv <- 1 + 0.8 * d + 0.02 * age - 0.2 * female + rnorm(n, sd = 1 + 0.4 * d)
# An uncentred covariate with a large mean and a small spread: cond(X) ≈ 1e4, so plain normal
# equations (cond² ≈ 1e8) would lose about half the digits.
big <- 50000 + round(rnorm(n, 0, 5), 3)
# Exactly collinear column and an all-zero dummy (a factor level that never occurs).
age2 <- 2 * age + female
region_none <- rep(0, n)
df <- data.frame(treatment, age, female, region, months, y, ybin, w, z, d, yiv, age2, region_none, big)

# ---- a JSON writer at 17 significant digits (jsonlite stops at 15) -----------------------------
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
  if (is.character(x) || is.factor(x)) {
    s <- paste0("\"", as.character(x), "\"")
    return(if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  if (is.logical(x)) x <- as.numeric(x)
  s <- num(unname(as.numeric(x)))
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}
vec <- function(x) I(unname(as.numeric(x)))
columns <- function(m) {
  out <- lapply(seq_len(ncol(m)), function(j) vec(m[, j]))
  names(out) <- colnames(m)
  out
}

# ---- lm_robust with every se_type ---------------------------------------------------------------
f_main <- y ~ treatment + age + female + region + months
X_main <- model.matrix(f_main, df)
robust <- function(fit) {
  list(
    terms = I(names(coef(fit))),
    estimate = vec(coef(fit)), std_error = vec(fit$std.error), statistic = vec(fit$statistic),
    p_value = vec(fit$p.value), conf_low = vec(fit$conf.low), conf_high = vec(fit$conf.high),
    df = vec(fit$df), r_squared = fit$r.squared, adj_r_squared = fit$adj.r.squared,
    vcov = lapply(seq_len(nrow(vcov(fit))), function(i) vec(vcov(fit)[i, ]))
  )
}
lm_robust_results <- list()
for (se in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  lm_robust_results[[se]] <- robust(lm_robust(f_main, data = df, se_type = se))
}
lm_robust_results[["HC2_weighted"]] <- robust(lm_robust(f_main, data = df, weights = w, se_type = "HC2"))
lm_robust_results[["classical_weighted"]] <- robust(lm_robust(f_main, data = df, weights = w, se_type = "classical"))
lm_robust_results[["HC2_level90"]] <- robust(lm_robust(f_main, data = df, se_type = "HC2", alpha = 0.10))
lm_robust_results[["HC2_ill_conditioned"]] <- robust(lm_robust(y ~ treatment + big, data = df, se_type = "HC2"))
X_ill <- model.matrix(y ~ treatment + big, df)
# estimatr's own HC2 SEs are only good to ~1e-7 here (it inverts the raw X'X); the accurate
# reference centres the covariates, computes HC2 by hand via QR, and maps back with the exact
# transform T (X·T = centred X): V = T·Vc·T'.
ill_accurate <- local({
  m <- colMeans(X_ill[, -1])
  Xc <- X_ill
  Xc[, -1] <- sweep(X_ill[, -1], 2, m)
  A <- chol2inv(qr.R(qr(Xc)))
  e <- residuals(lm(y ~ treatment + big, data = df))
  h <- rowSums((Xc %*% A) * Xc)
  Vc <- A %*% crossprod(Xc * sqrt(e^2 / (1 - h))) %*% A
  T <- diag(ncol(X_ill))
  T[1, -1] <- -m
  list(std_error = vec(sqrt(diag(T %*% Vc %*% t(T)))))
})
fit_lm <- lm(f_main, data = df)
sigma_main <- summary(fit_lm)$sigma

# ---- rank deficiency: lm gives NA for the aliased columns ------------------------------------
f_col <- y ~ treatment + age + female + age2 + region + region_none + months
X_col <- model.matrix(f_col, df)
fit_col <- lm(f_col, data = df)
s_col <- summary(fit_col)$coefficients
collinear <- list(
  terms = I(colnames(X_col)),
  aliased = I(names(coef(fit_col))[is.na(coef(fit_col))]),
  kept = I(rownames(s_col)),
  estimate = vec(s_col[, 1]), std_error = vec(s_col[, 2]), statistic = vec(s_col[, 3]),
  p_value = vec(s_col[, 4]), df = fit_col$df.residual
)
# Note: lm_robust pivots differently (it keeps age2 and drops age), so the HC2 check of the
# collinear design compares with lm_robust on the columns lm keeps, i.e. lm_robust$HC2 above.

# ---- Lin (2013) -----------------------------------------------------------------------------------
fit_lin <- lm_lin(y ~ treatment, covariates = ~ age + female + region + months, data = df)
lin <- robust(fit_lin)
lin_cov <- model.matrix(~ age + female + region + months, df)[, -1]
fit_lin_hc1 <- lm_lin(y ~ treatment, covariates = ~ age + female + region + months, data = df, se_type = "HC1")
lin_hc1 <- robust(fit_lin_hc1)

# ---- 2SLS -------------------------------------------------------------------------------------------
iv_case <- function(formula, se) {
  fit <- iv_robust(formula, data = df, se_type = se, diagnostics = TRUE)
  out <- robust(fit)
  fs <- fit$diagnostic_first_stage_fstatistic
  out$first_stage_f <- unname(fs[1])
  out$first_stage_f_df <- vec(fs[2:3])
  out$first_stage_f_p <- unname(fs[4])
  out
}
iv <- list(
  simple_HC2 = iv_case(yiv ~ d | z, "HC2"),
  simple_classical = iv_case(yiv ~ d | z, "classical"),
  simple_HC0 = iv_case(yiv ~ d | z, "HC0"),
  simple_HC1 = iv_case(yiv ~ d | z, "HC1"),
  covariates_HC2 = iv_case(yiv ~ d + age + female | z + age + female, "HC2"),
  covariates_classical = iv_case(yiv ~ d + age + female | z + age + female, "classical")
)

# ---- logistic regression ----------------------------------------------------------------------------
f_glm <- ybin ~ treatment + age + female + region + months
fit_glm <- glm(f_glm, family = binomial, data = df)
s_glm <- summary(fit_glm)$coefficients
logistic <- list(
  terms = I(rownames(s_glm)),
  estimate = vec(s_glm[, 1]), std_error = vec(s_glm[, 2]), statistic = vec(s_glm[, 3]),
  p_value = vec(s_glm[, 4]), deviance = fit_glm$deviance, null_deviance = fit_glm$null.deviance,
  aic = fit_glm$aic, iter = fit_glm$iter, fitted = vec(fitted(fit_glm)),
  conf_low = vec(s_glm[, 1] - qnorm(0.975) * s_glm[, 2]),
  conf_high = vec(s_glm[, 1] + qnorm(0.975) * s_glm[, 2])
)

fit_glm_ill <- glm(ybin ~ treatment + big, family = binomial, data = df)
s_glm_ill <- summary(fit_glm_ill)$coefficients
logistic$ill_conditioned <- list(
  terms = I(rownames(s_glm_ill)), estimate = vec(s_glm_ill[, 1]), std_error = vec(s_glm_ill[, 2]),
  deviance = fit_glm_ill$deviance, iter = fit_glm_ill$iter
)

# ---- Wald tests, by hand from the vcov ----------------------------------------------------------
wald <- function(fit, terms, df2) {
  b <- coef(fit)[terms]
  V <- vcov(fit)[terms, terms]
  chi2 <- as.numeric(t(b) %*% solve(V, b))
  q <- length(terms)
  list(terms = I(terms), chi_square = chi2, q = q, chi_square_p = pchisq(chi2, q, lower.tail = FALSE),
       f = chi2 / q, df2 = df2, f_p = pf(chi2 / q, q, df2, lower.tail = FALSE))
}
fit_hc2 <- lm_robust(f_main, data = df, se_type = "HC2")
wald_results <- list(
  region_HC2 = wald(fit_hc2, c("regionoost", "regionwest", "regionzuid"), fit_hc2$df.residual),
  treatment_HC2 = wald(fit_hc2, c("treatment"), fit_hc2$df.residual),
  glm_region = wald(fit_glm, c("regionoost", "regionwest", "regionzuid"), Inf)
)

out <- list(
  meta = list(
    generated_by = "tests/reference/estimate.R",
    r_version = R.version.string,
    estimatr = as.character(packageVersion("estimatr"))
  ),
  data = list(
    n = n,
    main = list(X = columns(X_main), y = vec(y), ybin = vec(ybin), w = vec(w)),
    collinear = list(X = columns(X_col)),
    ill_conditioned = list(X = columns(X_ill)),
    lin = list(covariates = columns(lin_cov), treatment = vec(treatment)),
    iv = list(y = vec(yiv), d = vec(d), z = vec(z), age = vec(age), female = vec(female))
  ),
  lm_robust = lm_robust_results,
  sigma_main = sigma_main,
  ill_conditioned_accurate = ill_accurate,
  collinear = collinear,
  lin = lin,
  lin_HC1 = lin_hc1,
  iv = iv,
  logistic = logistic,
  wald = wald_results
)
writeLines(to_json(out), "tests/reference/estimate.json")
cat("wrote tests/reference/estimate.json\n")
