# Reference values for the power formulas in src/plan/power.ts (tests/plan/power.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/power.R
# It writes tests/reference/power.json at 17 significant digits. The tests read only the JSON.
# Needs: stats (power.prop.test). R's default is strict = FALSE (one rejection region): `power`,
# `n` and the MDE below are the default call (the library's method 'r-compatible'); `*_strict`
# add the wrong-direction region. The t-test power is in power-means.R. tol = 1e-12 because uniroot's default tolerance
# (.Machine$double.eps^0.25) leaves n and p2 accurate to only about 1e-4.

num <- function(x) {
  ifelse(is.na(x), "null", sprintf("%.17g", x))
}
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

# ---- power.prop.test: equal allocation, pooled null variance ------------------------------------
cases <- list(
  list(n = 240, p1 = 0.415, p2 = 0.352, sig = 0.05),
  list(n = 978, p1 = 0.415, p2 = 0.352, sig = 0.05),
  list(n = 500, p1 = 0.10, p2 = 0.15, sig = 0.05),
  list(n = 100, p1 = 0.50, p2 = 0.65, sig = 0.10),
  list(n = 2000, p1 = 0.037, p2 = 0.030, sig = 0.05),
  list(n = 50, p1 = 0.3, p2 = 0.1, sig = 0.01)
)
power_cases <- lapply(cases, function(cs) {
  loose <- power.prop.test(n = cs$n, p1 = cs$p1, p2 = cs$p2, sig.level = cs$sig)$power
  strict <- power.prop.test(n = cs$n, p1 = cs$p1, p2 = cs$p2, sig.level = cs$sig, strict = TRUE)$power
  list(n = cs$n, p1 = cs$p1, p2 = cs$p2, sig_level = cs$sig, power = loose, power_strict = strict)
})

n_cases <- list(
  list(p1 = 0.415, p2 = 0.352, power = 0.8, sig = 0.05),
  list(p1 = 0.2, p2 = 0.3, power = 0.8, sig = 0.05),
  list(p1 = 0.05, p2 = 0.04, power = 0.9, sig = 0.05),
  list(p1 = 0.5, p2 = 0.45, power = 0.8, sig = 0.10)
)
sample_sizes <- lapply(n_cases, function(cs) {
  loose <- power.prop.test(p1 = cs$p1, p2 = cs$p2, power = cs$power, sig.level = cs$sig, tol = tol)$n
  strict <- power.prop.test(p1 = cs$p1, p2 = cs$p2, power = cs$power, sig.level = cs$sig,
    strict = TRUE, tol = tol)$n
  list(p1 = cs$p1, p2 = cs$p2, power = cs$power, sig_level = cs$sig, n = loose, n_strict = strict)
})

# power.prop.test solves for p2 only above p1; a decrease from p1 is an increase from 1 - p1.
p2_cases <- list(
  list(n = 240, p1 = 0.415, power = 0.8, sig = 0.05),
  list(n = 609, p1 = 0.415, power = 0.8, sig = 0.05),
  list(n = 1000, p1 = 0.1, power = 0.8, sig = 0.05),
  list(n = 300, p1 = 0.3, power = 0.9, sig = 0.05)
)
mde <- lapply(p2_cases, function(cs) {
  up <- power.prop.test(n = cs$n, p1 = cs$p1, power = cs$power, sig.level = cs$sig, tol = tol)$p2
  down <- 1 - power.prop.test(n = cs$n, p1 = 1 - cs$p1, power = cs$power, sig.level = cs$sig,
    tol = tol)$p2
  list(n = cs$n, p1 = cs$p1, power = cs$power, sig_level = cs$sig, p2_increase = up,
    p2_decrease = down)
})

# ---- unequal allocation: the generalisation documented in docs/planning.md ---------------------
# power = pnorm((|d| - z * se0) / se1) [+ pnorm((-|d| - z * se0) / se1) when strict],
# se1 = sqrt(f * (pc(1-pc)/nc + pt(1-pt)/nt)); se0 = se1 (unpooled) or
# sqrt(f * pbar(1-pbar)(1/nc + 1/nt)), pbar = (nc pc + nt pt)/(nc + nt) (pooled); f = 1 - R^2.
general_power <- function(pc, pt, nt, nc, sig, pooled, strict, r2) {
  f <- 1 - r2
  se1 <- sqrt(f * (pc * (1 - pc) / nc + pt * (1 - pt) / nt))
  pbar <- (nc * pc + nt * pt) / (nc + nt)
  se0 <- if (pooled) sqrt(f * pbar * (1 - pbar) * (1 / nc + 1 / nt)) else se1
  z <- qnorm(sig / 2, lower.tail = FALSE)
  d <- abs(pt - pc)
  pnorm((d - z * se0) / se1) + if (strict) pnorm((-d - z * se0) / se1) else 0
}
unequal_cases <- list(
  list(pc = 0.415, pt = 0.352, nt = 978, nc = 240, sig = 0.05, pooled = FALSE, strict = TRUE, r2 = 0),
  list(pc = 0.415, pt = 0.352, nt = 978, nc = 240, sig = 0.05, pooled = TRUE, strict = FALSE, r2 = 0),
  list(pc = 0.415, pt = 0.352, nt = 978, nc = 240, sig = 0.05, pooled = FALSE, strict = TRUE, r2 = 0.2),
  list(pc = 0.3, pt = 0.32, nt = 8000, nc = 1000, sig = 0.05, pooled = TRUE, strict = TRUE, r2 = 0.1),
  list(pc = 0.1, pt = 0.13, nt = 489, nc = 120, sig = 0.1, pooled = FALSE, strict = FALSE, r2 = 0)
)
unequal <- lapply(unequal_cases, function(cs) {
  c(cs, list(power = general_power(cs$pc, cs$pt, cs$nt, cs$nc, cs$sig, cs$pooled, cs$strict, cs$r2)))
})
# Check: at equal allocation with the pooled variance the generalisation is power.prop.test.
stopifnot(abs(general_power(0.415, 0.352, 240, 240, 0.05, TRUE, FALSE, 0) -
  power.prop.test(n = 240, p1 = 0.415, p2 = 0.352)$power) < 1e-14)

# MDE at unequal allocation by uniroot on the same formula (the pilot's decile 1).
mde_unequal <- function(pc, nt, nc, power, sig, r2) {
  uniroot(function(d) general_power(pc, pc - d, nt, nc, sig, FALSE, TRUE, r2) - power,
    c(1e-9, pc), tol = 1e-14)$root
}
pilot <- list(
  mde_r2_0 = mde_unequal(0.415, 978, 240, 0.8, 0.05, 0),
  mde_r2_02 = mde_unequal(0.415, 978, 240, 0.8, 0.05, 0.2),
  mde_half_city = mde_unequal(0.415, 489, 120, 0.8, 0.05, 0)
)

out <- list(
  meta = list(generated_by = "tests/reference/power.R", r_version = R.version.string),
  power_prop_test = power_cases,
  sample_size = sample_sizes,
  mde = mde,
  unequal = unequal,
  pilot = pilot
)
writeLines(to_json(out), "tests/reference/power.json")
cat("wrote tests/reference/power.json\n")
