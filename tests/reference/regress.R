# Reference results for table-level regression with cluster-robust variances (`regress`), the
# blocked/clustered difference in means (`differenceInMeans`) and lm's pivoting of aliased
# columns (tests/estimate/regress.test.ts, tests/estimate/difference-in-means.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/regress.R
# It writes tests/reference/regress.json: the input data (generated here with set.seed) and R's
# results at 17 significant digits. The tests read only the JSON, so they never need R.
# Needs: estimatr (lm_robust, difference_in_means, lm_lin), clubSandwich (coef_test), stats (lm).
suppressPackageStartupMessages({
  library(estimatr)
  library(clubSandwich)
})

# ---- a cluster-randomised, site-stratified trial: offices within sites -------------------------
set.seed(20261201)
n_site <- 4
offices_per_site <- 6
site_of_office <- rep(LETTERS[1:n_site], each = offices_per_site)
n_office <- length(site_of_office)
size <- sample(4:16, n_office, replace = TRUE)
office <- rep(sprintf("o%02d", seq_len(n_office)), times = size)
site <- rep(site_of_office, times = size)
# Offices in pairs within a site; one of each pair treated (pair-matched cluster randomisation),
# so each site has 3 treated and 3 control offices.
pair_of_office <- sprintf("p%02d", (seq_len(n_office) + 1) %/% 2)
treat_office <- as.vector(sapply(seq_len(n_office / 2), function(p) sample(c(0, 1))))
arm3_office <- sample(rep(c("control", "coaching", "training"), length.out = n_office))
pair <- rep(pair_of_office, times = size)
treat <- rep(treat_office, times = size)
arm <- rep(arm3_office, times = size)
n <- length(office)
age <- round(rnorm(n, 40, 10), 1)
edu <- sample(c("high", "low", "mid"), n, replace = TRUE, prob = c(0.3, 0.3, 0.4))
w <- round(runif(n, 0.5, 2), 3)
site_eff <- c(A = 0, B = 0.5, C = -0.3, D = 0.8)[site]
office_eff <- rnorm(n_office, sd = 0.6)[match(office, unique(office))]
arm_eff <- c(control = 0, coaching = 0.4, training = 0.7)[arm]
y <- 1 + 0.5 * treat + arm_eff + 0.03 * age + 0.2 * (edu == "high") + site_eff + office_eff +
  rnorm(n, sd = 1)
# Individually randomised treatment, blocked by site (for the unclustered blocked estimator).
tind <- ave(seq_len(n), site, FUN = function(i) sample(rep(c(0, 1), length.out = length(i))))
df <- data.frame(y, treat, tind, arm, age, edu, w, office, site, pair, stringsAsFactors = FALSE)
df$arm <- factor(df$arm, levels = c("control", "coaching", "training"))

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
  if (length(x) == 0) return("[]")
  if (is.character(x) || is.factor(x)) {
    s <- paste0("\"", as.character(x), "\"")
    return(if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  if (is.logical(x)) x <- as.numeric(x)
  s <- num(unname(as.numeric(x)))
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}
vec <- function(x) I(unname(as.numeric(x)))
robust <- function(fit) {
  list(
    terms = I(names(coef(fit))),
    estimate = vec(coef(fit)), std_error = vec(fit$std.error), statistic = vec(fit$statistic),
    p_value = vec(fit$p.value), conf_low = vec(fit$conf.low), conf_high = vec(fit$conf.high),
    df = vec(fit$df), r_squared = fit$r.squared, adj_r_squared = fit$adj.r.squared,
    n = fit$nobs, n_clusters = if (is.null(fit$nclusters)) NULL else fit$nclusters,
    vcov = lapply(seq_len(nrow(vcov(fit))), function(i) vec(vcov(fit)[i, ]))
  )
}

# ---- lm_robust on the table: factors with treatment contrasts, HC and CR variances ------------
f_main <- y ~ arm + age + edu
regress <- list()
for (se in c("classical", "HC0", "HC1", "HC2", "HC3")) {
  regress[[se]] <- robust(lm_robust(f_main, data = df, se_type = se))
}
for (se in c("CR0", "stata", "CR2")) {
  regress[[se]] <- robust(lm_robust(f_main, data = df, clusters = office, se_type = se))
  regress[[paste0(se, "_weighted")]] <- robust(lm_robust(f_main, data = df, clusters = office,
    weights = w, se_type = se))
}
regress[["CR2_level90"]] <- robust(lm_robust(f_main, data = df, clusters = office, alpha = 0.10))
# Fixed effects: absorbed, and the same model with the site dummies in X.
for (se in c("classical", "HC1", "HC2", "CR0", "stata", "CR2")) {
  cl <- if (startsWith(se, "CR") || se == "stata") df$office else NULL
  regress[[paste0("fe_", se)]] <- robust(lm_robust(y ~ arm + age + edu, data = df,
    fixed_effects = ~site, clusters = cl, se_type = se))
  regress[[paste0("dummies_", se)]] <- robust(lm_robust(y ~ arm + age + edu + site, data = df,
    clusters = cl, se_type = se))
}
regress[["fe_HC2_weighted"]] <- robust(lm_robust(y ~ arm + age + edu, data = df,
  fixed_effects = ~site, weights = w, se_type = "HC2"))
regress[["dummies_CR2_weighted"]] <- robust(lm_robust(y ~ arm + age + edu + site, data = df,
  clusters = office, weights = w, se_type = "CR2"))

# clubSandwich's CR2 with Satterthwaite degrees of freedom (working model: independence).
club <- function(fit) {
  ct <- coef_test(fit, vcov = "CR2", cluster = df$office, test = "Satterthwaite")
  list(terms = I(rownames(ct)), std_error = vec(ct$SE), df = vec(ct$df_Satt), p_value = vec(ct$p_Satt))
}
club_results <- list(
  unweighted = club(lm(f_main, data = df)),
  weighted = club(lm(f_main, data = df, weights = w)),
  dummies = club(lm(y ~ arm + age + edu + site, data = df))
)

# ---- difference_in_means -------------------------------------------------------------------------
dim_out <- function(fit) {
  list(estimate = unname(fit$coefficients), std_error = unname(fit$std.error),
    statistic = unname(fit$statistic), df = unname(fit$df), p_value = unname(fit$p.value),
    conf_low = unname(fit$conf.low), conf_high = unname(fit$conf.high), n = fit$nobs,
    design = fit$design,
    n_blocks = if (is.null(fit$nblocks)) NULL else fit$nblocks,
    n_clusters = if (is.null(fit$nclusters)) NULL else fit$nclusters)
}
# Matched pairs of clients: 12 pairs.
set.seed(7)
pairs_df <- data.frame(pair = rep(sprintf("q%02d", 1:12), each = 2), t = as.vector(replicate(12, sample(0:1))))
pairs_df$y <- round(2 + 0.6 * pairs_df$t + rep(rnorm(12), each = 2) + rnorm(24, sd = 0.5), 3)
dim <- list(
  standard = dim_out(difference_in_means(y ~ tind, data = df)),
  standard_level90 = dim_out(difference_in_means(y ~ tind, data = df, alpha = 0.10)),
  blocked = dim_out(difference_in_means(y ~ tind, data = df, blocks = site)),
  clustered = dim_out(difference_in_means(y ~ treat, data = df, clusters = office)),
  block_clustered = dim_out(difference_in_means(y ~ treat, data = df, blocks = site, clusters = office)),
  pair_clustered = dim_out(difference_in_means(y ~ treat, data = df, blocks = pair, clusters = office)),
  pairs = dim_out(difference_in_means(y ~ t, data = pairs_df, blocks = pair))
)

# ---- lm's pivoting: Lin with a covariate level present in one arm only --------------------------
# Levels c and d of `grp` occur among the treated only, so T·(d_c − mean) and T·(d_d − mean) are
# exact combinations of the other columns: lm (LINPACK dqrdc2, tol 1e-7) gives them NA;
# estimatr's lm_lin pivots its own way.
set.seed(11)
nl <- 80
lt <- rep(0:1, each = nl / 2)
grp <- ifelse(lt == 1, sample(c("a", "b", "c", "d"), nl, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1)),
  sample(c("a", "b"), nl, replace = TRUE))
inc <- round(50000 + rnorm(nl, 0, 4000), 0)
ly <- round(10 + 5 * lt + 2 * (grp == "c") + 0.0002 * (inc - 50000) + rnorm(nl, sd = 3), 2)
lin_df <- data.frame(y = ly, treatment = lt, grp, inc, stringsAsFactors = FALSE)
lin_cov <- model.matrix(~ grp + inc, lin_df)[, -1]
colnames(lin_cov) <- c("grp[b]", "grp[c]", "grp[d]", "inc")
lin_c <- sweep(lin_cov, 2, colMeans(lin_cov))
X_lin <- cbind("(Intercept)" = 1, treatment = lt, lin_c, lt * lin_c)
colnames(X_lin) <- c("(Intercept)", "treatment", paste0(colnames(lin_cov), "_c"),
  paste0("treatment:", colnames(lin_cov), "_c"))
fit_lm <- lm.fit(X_lin, ly)
s_lm <- summary(lm(ly ~ X_lin - 1))$coefficients
fit_lin <- lm_lin(y ~ treatment, covariates = ~ grp + inc, data = lin_df)
# HC2 on the columns lm keeps, by hand: rows with leverage 1 (the one client with level d) get
# weight 0, and a coefficient whose estimate depends on such a row (non-zero influence) gets NA.
hc2_na <- local({
  Xk <- X_lin[, !is.na(fit_lm$coefficients)]
  A <- solve(crossprod(Xk))
  e <- ly - Xk %*% (A %*% crossprod(Xk, ly))
  h <- rowSums((Xk %*% A) * Xk)
  one <- 1 - h < 1e-10
  om <- ifelse(one, 0, e^2 / (1 - h))
  V <- A %*% crossprod(Xk * sqrt(om)) %*% A
  infl <- Xk %*% A
  na <- apply(infl, 2, function(v) any(abs(v[one]) > 1e-8 * max(abs(v))))
  se <- sqrt(diag(V))
  se[na] <- NA
  list(rows_leverage_one = vec(which(one)), std_error = vec(se))
})
pivot <- list(
  data = list(y = vec(ly), treatment = vec(lt), grp = I(grp), inc = vec(inc)),
  terms = I(colnames(X_lin)),
  lm_aliased = I(colnames(X_lin)[is.na(fit_lm$coefficients)]),
  lm_estimate = vec(fit_lm$coefficients),
  lm_std_error_classical = vec(s_lm[, 2]),
  lm_rank = fit_lm$rank,
  hc2 = hc2_na,
  lm_lin = robust(fit_lin)
)

# Near-collinear raw columns without an intercept (large means, no centring): x3 = x1 + x2 + a
# perturbation of relative size `rel` orthogonal to x1, x2. lm aliases x3 exactly when rel < 1e-7;
# the normal equations see d_3 only to ±ε·‖x3‖², about the size of the residual itself.
set.seed(3)
near <- lapply(c(0.3e-7, 0.97e-7, 0.99e-7, 0.995e-7, 1.005e-7, 1.01e-7, 1.03e-7, 2e-7), function(rel) {
  nn <- 3000
  x1 <- 1e6 + rnorm(nn)
  x2 <- 1e6 + rnorm(nn)
  eta <- rnorm(nn)
  eta <- eta - qr.fitted(qr(cbind(x1, x2)), eta)
  x3 <- x1 + x2 + eta / sqrt(sum(eta^2)) * rel * sqrt(sum((x1 + x2)^2))
  yy <- rnorm(nn)
  f <- lm(yy ~ 0 + x1 + x2 + x3)
  list(rel = rel, x1 = vec(x1), x2 = vec(x2), x3 = vec(x3), y = vec(yy),
    aliased = I(names(coef(f))[is.na(coef(f))]), rank = f$rank)
})
pivot$near <- near

out <- list(
  data = list(
    y = vec(df$y), treat = vec(df$treat), tind = vec(df$tind), arm = I(as.character(df$arm)),
    age = vec(df$age), edu = I(df$edu), w = vec(df$w), office = I(df$office), site = I(df$site),
    pair = I(df$pair)
  ),
  pairs_data = list(pair = I(pairs_df$pair), t = vec(pairs_df$t), y = vec(pairs_df$y)),
  regress = regress,
  club = club_results,
  dim = dim,
  pivot = pivot
)
writeLines(to_json(out), "tests/reference/regress.json")
