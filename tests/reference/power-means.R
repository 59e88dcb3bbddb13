# Reference values for the t-test power of src/plan/power-means.ts (tests/plan/power-means.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/power-means.R
# It writes tests/reference/power-means.json at 17 significant digits. The tests read only the JSON.
# Needs: stats (power.t.test, pt with ncp), clubSandwich (CR2 Satterthwaite df).
# tol = 1e-12 in uniroot because its default (.Machine$double.eps^0.25) leaves n and delta
# accurate to only about 1e-4.

suppressMessages(library(clubSandwich))
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nm <- names(x)
    body <- vapply(x, to_json, "")
    if (is.null(nm)) return(paste0("[", paste(body, collapse = ","), "]"))
    return(paste0("{", paste0("\"", nm, "\":", body, collapse = ","), "}"))
  }
  if (is.character(x)) return(paste0("\"", x, "\""))
  if (is.logical(x)) return(ifelse(x, "true", "false"))
  if (length(x) == 1) return(num(x))
  paste0("[", paste(num(x), collapse = ","), "]")
}
tol <- 1e-12

# ---- the noncentral t distribution function ------------------------------------------------------
pt_cases <- list(
  c(2, 10, 1), c(-1, 5, 2), c(1.5, 3, -0.5), c(1.96, 100, 2.8), c(2.1, 18, 0.3),
  c(-2.1, 18, 3), c(4, 2.5, 6), c(0.5, 40, 10), c(30, 60, 25), c(2, 1e6, 2.5)
)
pt_ref <- lapply(pt_cases, function(v) list(t = v[1], df = v[2], ncp = v[3],
  p = pt(v[1], v[2], ncp = v[3])))

# ---- power.t.test: two-sample, two-sided, each solve-for mode, strict = FALSE (default) and TRUE --
power_cases <- list(
  list(n = 20, delta = 1, sd = 1, sig = 0.05),
  list(n = 50, delta = 0.4, sd = 1, sig = 0.05),
  list(n = 8, delta = 2.5, sd = 2, sig = 0.10),
  list(n = 300, delta = 3, sd = 15, sig = 0.01),
  list(n = 5, delta = 0.5, sd = 1, sig = 0.05)
)
power_ref <- lapply(power_cases, function(cs) {
  loose <- power.t.test(n = cs$n, delta = cs$delta, sd = cs$sd, sig.level = cs$sig)$power
  strict <- power.t.test(n = cs$n, delta = cs$delta, sd = cs$sd, sig.level = cs$sig,
    strict = TRUE)$power
  c(cs, list(power = loose, power_strict = strict))
})
n_cases <- list(
  list(delta = 1, sd = 1, power = 0.9, sig = 0.05),
  list(delta = 0.2, sd = 1, power = 0.8, sig = 0.05),
  list(delta = 5, sd = 12, power = 0.8, sig = 0.10),
  list(delta = 2, sd = 1, power = 0.8, sig = 0.01)
)
n_ref <- lapply(n_cases, function(cs) {
  loose <- power.t.test(delta = cs$delta, sd = cs$sd, power = cs$power, sig.level = cs$sig,
    tol = tol)$n
  strict <- power.t.test(delta = cs$delta, sd = cs$sd, power = cs$power, sig.level = cs$sig,
    strict = TRUE, tol = tol)$n
  c(cs, list(n = loose, n_strict = strict))
})
delta_cases <- list(
  list(n = 20, sd = 1, power = 0.8, sig = 0.05),
  list(n = 100, sd = 3, power = 0.9, sig = 0.05),
  list(n = 6, sd = 1, power = 0.8, sig = 0.10),
  list(n = 1000, sd = 0.5, power = 0.8, sig = 0.01)
)
delta_ref <- lapply(delta_cases, function(cs) {
  loose <- power.t.test(n = cs$n, sd = cs$sd, power = cs$power, sig.level = cs$sig, tol = tol)$delta
  strict <- power.t.test(n = cs$n, sd = cs$sd, power = cs$power, sig.level = cs$sig,
    strict = TRUE, tol = tol)$delta
  c(cs, list(delta = loose, delta_strict = strict))
})

# ---- the generalisation: unequal arms, R^2, clusters (documented in docs/planning.md) -----------
# ncp = |delta| / (sd * sqrt((1 - R2) * DE * (1/nt + 1/nc))), DE = 1 + (m - 1) icc;
# df = nt + nc - 2, or with clusters the Bell-McCaffrey df below; power as power.t.test.
bm_df <- function(gt, gc) (1 / gt + 1 / gc)^2 / (1 / (gt^2 * (gt - 1)) + 1 / (gc^2 * (gc - 1)))
general_power <- function(delta, sd, nt, nc, sig, strict, r2 = 0, icc = 0, m = NA) {
  de <- if (is.na(m)) 1 else 1 + (m - 1) * icc
  df <- if (is.na(m)) nt + nc - 2 else bm_df(nt / m, nc / m)
  ncp <- abs(delta) / (sd * sqrt((1 - r2) * de * (1 / nt + 1 / nc)))
  qu <- qt(sig / 2, df, lower.tail = FALSE)
  pt(qu, df, ncp = ncp, lower.tail = FALSE) + if (strict) pt(-qu, df, ncp = ncp) else 0
}
stopifnot(abs(general_power(1, 1, 20, 20, 0.05, FALSE) -
  power.t.test(n = 20, delta = 1)$power) < 1e-15)

# The df of a cluster design from clubSandwich: CR2, Satterthwaite, equal cluster sizes. The df
# depend only on the design (treatment and clusters), not on the outcome drawn.
cr2_df <- function(gt, gc, m) {
  d <- data.frame(cl = rep(seq_len(gt + gc), each = m))
  d$tr <- as.numeric(d$cl <= gt)
  set.seed(1)
  d$y <- rnorm(nrow(d)) + d$tr
  fit <- lm(y ~ tr, data = d)
  coef_test(fit, vcov = "CR2", cluster = d$cl, test = "Satterthwaite")$df_Satt[2]
}
cluster_df <- lapply(list(c(10, 10, 5), c(16, 4, 7), c(30, 10, 3), c(8, 5, 20)), function(g) {
  list(gt = g[1], gc = g[2], m = g[3], df_cr2 = cr2_df(g[1], g[2], g[3]),
    df_formula = bm_df(g[1], g[2]))
})
for (cs in cluster_df) stopifnot(abs(cs$df_cr2 - cs$df_formula) < 1e-9)

general_cases <- list(
  list(delta = 0.25, sd = 1, nt = 978, nc = 240, sig = 0.05, strict = FALSE, r2 = 0, icc = 0, m = NA),
  list(delta = 0.25, sd = 1, nt = 978, nc = 240, sig = 0.05, strict = TRUE, r2 = 0.3, icc = 0, m = NA),
  list(delta = 0.3, sd = 1, nt = 500, nc = 500, sig = 0.05, strict = FALSE, r2 = 0, icc = 0.05, m = 25),
  list(delta = 4, sd = 10, nt = 16 * 30, nc = 4 * 30, sig = 0.05, strict = FALSE, r2 = 0, icc = 0.02, m = 30),
  list(delta = 0.5, sd = 1, nt = 30 * 3, nc = 10 * 3, sig = 0.10, strict = TRUE, r2 = 0, icc = 0.1, m = 3)
)
general <- lapply(general_cases, function(cs) {
  p <- general_power(cs$delta, cs$sd, cs$nt, cs$nc, cs$sig, cs$strict, cs$r2, cs$icc, cs$m)
  cs$m <- if (is.na(cs$m)) NULL else cs$m
  c(cs[!vapply(cs, is.null, TRUE)], list(power = p))
})

# Clusters solved for: clusters per arm at 50/50 (m = 20, icc = 0.05, delta = 0.3 SD, 80 %):
# uniroot over G per arm on the same formula (continuous), as powerTTest's exact solution.
g_root <- uniroot(function(g) general_power(0.3, 1, g * 20, g * 20, 0.05, FALSE, 0, 0.05, 20) - 0.8,
  c(1.5, 1e4), tol = 1e-13)$root
# MDE of 20 + 20 clusters of 20, icc 0.05, 80 %:
mde_root <- uniroot(function(d) general_power(d, 1, 400, 400, 0.05, FALSE, 0, 0.05, 20) - 0.8,
  c(1e-6, 10), tol = 1e-14)$root
cluster_solve <- list(clusters_per_arm = g_root, mde_20_clusters = mde_root)

out <- list(
  meta = list(generated_by = "tests/reference/power-means.R", r_version = R.version.string,
    clubSandwich = as.character(packageVersion("clubSandwich"))),
  pt = pt_ref,
  power_t_test = power_ref,
  sample_size = n_ref,
  delta = delta_ref,
  cluster_df = cluster_df,
  general = general,
  cluster_solve = cluster_solve
)
writeLines(to_json(out), "tests/reference/power-means.json")
cat("wrote tests/reference/power-means.json\n")
