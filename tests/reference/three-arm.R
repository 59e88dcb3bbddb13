# Reference results for several arms in one model (issue #14): `effectSeries` and `compareArms`
# with `arms` (tests/analysis/arm-contrasts.test.ts).
#
# Re-run from the repository root with:
#   npx tsx tests/reference/three-arm-data.ts   # writes tests/reference/three-arm.csv
#   Rscript tests/reference/three-arm.R         # writes tests/reference/three-arm.json
# The data: 3,000 clients of the synthetic 2017–2018 personal-services experiment (three arms,
# 80/10/10; the study's generator and seeds with n = 3,000). The tests read only the JSON.
#
# Per month m (complete follow-up: clients observed >= m months, y = 1{month_job <= m}), with
# arm a factor whose first level is the reference arm control_none:
#   - estimatr::lm_robust(y ~ arm, se_type = "HC2")
#   - estimatr::lm_robust(y ~ arm + covariates, se_type = HC2 (every month), HC0/HC1/HC3/classical
#     (month 12))
#   - estimatr::lm_lin(y ~ arm, covariates = ~ covariates, se_type = "HC2") (each arm dummy
#     interacted with the centred covariates)
# and each contrast a - b as the linear hypothesis c'b with c = e_a - e_b, SE sqrt(c' V c) from
# vcov(fit), t on fit$df; p.adjust(holm, BH) across the three contrasts of the month. Raw: the
# difference in shares of the two arms, unpooled SE, z test.
# compareArms: months_on_ww_12 (numeric; missing dropped), Welch t.test per pair, lm_robust and
# lm_lin as above.
# Needs: estimatr, stats.
suppressPackageStartupMessages(library(estimatr))

df <- read.csv("tests/reference/three-arm.csv", stringsAsFactors = FALSE)
arms <- c("service", "control_enforcement", "control_none")
reference <- "control_none"
df$arm <- factor(df$arm, levels = c(reference, setdiff(arms, reference)))
covariates <- ~ gender + age + education + prior_ww + region + ww_entitlement_months
pairs <- list(c("service", "control_enforcement"), c("service", "control_none"),
  c("control_enforcement", "control_none"))

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

# The contrasts of a fit: c'b, sqrt(c'Vc), t on the fit's df, and p.adjust across them.
contrasts_of <- function(fit) {
  b <- coef(fit)
  V <- vcov(fit)
  df_res <- fit$df[[1]]
  rows <- lapply(pairs, function(p) {
    cc <- setNames(rep(0, length(b)), names(b))
    if (p[1] != reference) cc[paste0("arm", p[1])] <- 1
    if (p[2] != reference) cc[paste0("arm", p[2])] <- -1
    est <- sum(cc * b)
    se <- sqrt(drop(t(cc) %*% V %*% cc))
    tt <- est / se
    q <- qt(0.975, df_res)
    c(estimate = est, std_error = se, statistic = tt, df = df_res,
      p_value = 2 * pt(-abs(tt), df_res), ci_lower = est - q * se, ci_upper = est + q * se)
  })
  m <- do.call(rbind, rows)
  list(
    estimate = vec(m[, "estimate"]), std_error = vec(m[, "std_error"]),
    statistic = vec(m[, "statistic"]), df = vec(m[, "df"]), p_value = vec(m[, "p_value"]),
    ci_lower = vec(m[, "ci_lower"]), ci_upper = vec(m[, "ci_upper"]),
    holm = vec(p.adjust(m[, "p_value"], "holm")), BH = vec(p.adjust(m[, "p_value"], "BH")),
    n = nobs(fit)
  )
}

# Raw difference in shares of two arms, unpooled SE, z test.
raw_of <- function(y, arm) {
  rows <- lapply(pairs, function(p) {
    y1 <- y[arm == p[1]]
    y2 <- y[arm == p[2]]
    p1 <- mean(y1)
    p2 <- mean(y2)
    est <- p1 - p2
    se <- sqrt(p1 * (1 - p1) / length(y1) + p2 * (1 - p2) / length(y2))
    z <- est / se
    c(estimate = est, std_error = se, p_value = 2 * pnorm(-abs(z)),
      ci_lower = est - qnorm(0.975) * se, ci_upper = est + qnorm(0.975) * se)
  })
  m <- do.call(rbind, rows)
  list(
    estimate = vec(m[, "estimate"]), std_error = vec(m[, "std_error"]),
    p_value = vec(m[, "p_value"]), ci_lower = vec(m[, "ci_lower"]), ci_upper = vec(m[, "ci_upper"]),
    holm = vec(p.adjust(m[, "p_value"], "holm")), BH = vec(p.adjust(m[, "p_value"], "BH"))
  )
}

with_covariates <- update(covariates, y ~ arm + .)
months <- c(3, 6, 12, 18, 24)
series <- lapply(months, function(m) {
  d <- df[df$followup_months >= m, ]
  d$y <- as.numeric(!is.na(d$month_job) & d$month_job <= m)
  out <- list(
    month = m,
    n = I(as.numeric(table(d$arm)[arms])),
    events = I(as.numeric(tapply(d$y, d$arm, sum)[arms])),
    raw = raw_of(d$y, as.character(d$arm)),
    none_HC2 = contrasts_of(lm_robust(y ~ arm, data = d, se_type = "HC2")),
    ols_HC2 = contrasts_of(lm_robust(with_covariates, data = d, se_type = "HC2")),
    lin_HC2 = contrasts_of(lm_lin(y ~ arm, covariates = covariates, data = d, se_type = "HC2"))
  )
  if (m == 12) {
    for (se in c("HC0", "HC1", "HC3", "classical")) {
      out[[paste0("ols_", se)]] <- contrasts_of(lm_robust(with_covariates, data = d, se_type = se))
    }
  }
  out
})

# compareArms: a numeric outcome with missing values.
d <- df[!is.na(df$months_on_ww_12), ]
d$y <- d$months_on_ww_12
welch <- lapply(pairs, function(p) {
  tt <- t.test(d$y[d$arm == p[1]], d$y[d$arm == p[2]])
  c(estimate = unname(tt$estimate[1] - tt$estimate[2]), std_error = unname(tt$stderr),
    df = unname(tt$parameter), p_value = tt$p.value)
})
welch <- do.call(rbind, welch)
compare <- list(
  n = I(as.numeric(table(d$arm)[arms])),
  mean = I(as.numeric(tapply(d$y, d$arm, mean)[arms])),
  welch = list(estimate = vec(welch[, "estimate"]), std_error = vec(welch[, "std_error"]),
    df = vec(welch[, "df"]), p_value = vec(welch[, "p_value"]),
    holm = vec(p.adjust(welch[, "p_value"], "holm"))),
  ols_HC2 = contrasts_of(lm_robust(with_covariates, data = d, se_type = "HC2")),
  lin_HC2 = contrasts_of(lm_lin(y ~ arm, covariates = covariates, data = d, se_type = "HC2"))
)

out <- list(
  arms = I(arms), reference = reference,
  contrasts = I(vapply(pairs, function(p) paste(p[1], "\u2212", p[2]), "")),
  series = series, compare = compare
)
writeLines(to_json(out), "tests/reference/three-arm.json")
