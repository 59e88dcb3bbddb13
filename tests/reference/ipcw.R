# Reference values for the IPCW effect series (src/analysis/effect-series-ipcw.ts,
# src/outcomes/censoring-weights.ts).
#
# Re-run from the repository root:
#   Rscript tests/reference/ipcw.R
# It writes tests/reference/ipcw.json: the input data and R's results. The tests read that JSON
# and never need R. Needs survival, estimatr and jsonlite.
#
# Per month m, within arm: G = Kaplan-Meier of the censoring time, fitted with survfit on
# Surv(T - 1e-6 * (status > 0), status == 0): a destination seen at T leaves the risk set of
# censoring just before T (events before censorings in the same month, as in the event KM).
# Known at m: status > 0 and T <= m, or T >= m; weight 1 / G(min(T, m)-). Adjusted effect:
# lm_robust / lm_lin with weights = w and se_type = "HC2" on the known clients. Raw: the
# difference of the arms' survfit cumulative incidence (KM, or Aalen-Johansen with competing
# destinations), SE sqrt(se1^2 + se0^2), z test.
suppressPackageStartupMessages({
  library(survival)
  library(estimatr)
  library(jsonlite)
})

# With strata (case C) G is fitted within arm x stratum, and the raw column is the weighted
# lm_robust(y ~ treatment, weights = w, se_type = "HC2") with the weighted shares.
g_before <- function(time, status) {
  fit <- survfit(Surv(time - 1e-6 * (status > 0), status == 0) ~ 1)
  function(t) {
    idx <- which(fit$time < t - 1e-9)
    if (length(idx) == 0) 1 else fit$surv[max(idx)]
  }
}

incidence <- function(time, status, m, competing) {
  if (competing) {
    fit <- survfit(Surv(time, factor(status, levels = 0:2)) ~ 1)
    s <- summary(fit, times = m, extend = TRUE)
    k <- which(fit$states == "1")
    list(p = s$pstate[1, k], se = s$std.err[1, k])
  } else {
    fit <- survfit(Surv(time, status == 1) ~ 1)
    s <- summary(fit, times = m, extend = TRUE)
    list(p = 1 - s$surv, se = s$std.err)
  }
}

# d: data frame with treatment (0/1), time, status (0 censored, 1 event, 2 competing).
series <- function(d, months, f_ols, f_cov, strata = NULL) {
  competing <- any(d$status == 2)
  cell <- paste(d$treatment, if (is.null(strata)) "" else strata)
  g <- lapply(split(seq_len(nrow(d)), cell), function(i) g_before(d$time[i], d$status[i]))
  lapply(months, function(m) {
    known <- d$time >= m | d$status > 0
    w <- rep(0, nrow(d))
    for (i in which(known)) w[i] <- 1 / g[[cell[i]]](min(d$time[i], m))
    k <- d[known, ]
    k$w <- w[known]
    k$y <- as.numeric(k$status == 1 & k$time <= m)
    fit <- lm_robust(f_ols, data = k, weights = w, se_type = "HC2")
    lin <- lm_lin(y ~ treatment, covariates = f_cov, data = k, weights = w, se_type = "HC2")
    get <- function(f) list(
      estimate = unname(f$coefficients["treatment"]), stdError = unname(f$std.error["treatment"]),
      pValue = unname(f$p.value["treatment"]), ciLow = unname(f$conf.low["treatment"]),
      ciHigh = unname(f$conf.high["treatment"]), df = unname(f$df["treatment"])
    )
    if (is.null(strata)) {
      i1 <- incidence(d$time[d$treatment == 1], d$status[d$treatment == 1], m, competing)
      i0 <- incidence(d$time[d$treatment == 0], d$status[d$treatment == 0], m, competing)
      se <- sqrt(i1$se^2 + i0$se^2)
      raw <- list(estimate = i1$p - i0$p, stdError = se, pValue = 2 * pnorm(-abs((i1$p - i0$p) / se)))
    } else {
      share <- function(a) with(k[k$treatment == a, ], sum(w * y) / sum(w))
      i1 <- list(p = share(1))
      i0 <- list(p = share(0))
      r <- get(lm_robust(y ~ treatment, data = k, weights = w, se_type = "HC2"))
      raw <- list(estimate = r$estimate, stdError = r$stdError, pValue = r$pValue)
    }
    list(
      month = m,
      nTreated = sum(known & d$treatment == 1), nControl = sum(known & d$treatment == 0),
      eventsTreated = sum(k$y[k$treatment == 1]), eventsControl = sum(k$y[k$treatment == 0]),
      weightSumTreated = sum(k$w[k$treatment == 1]), weightSumControl = sum(k$w[k$treatment == 0]),
      shareTreated = i1$p, shareControl = i0$p,
      raw = raw, ols = get(fit), lin = get(lin)
    )
  })
}

# ---- A: wide form, survival-shaped follow-up and dropout ----------------------------------
set.seed(20261201)
n <- 600
arm <- ifelse(runif(n) < 0.6, "experiment", "control")
age <- round(rnorm(n, 45, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
hazard <- plogis(-3.3 + 0.03 * (age - 45) + 0.3 * (gender == "woman") - 0.4 * (arm == "experiment"))
latent <- rgeom(n, hazard) + 1L
potential <- ifelse(runif(n) < 0.5, 24L, sample(6:23, n, replace = TRUE))
dropout <- rgeom(n, 0.02) + 1L
observed <- pmin(potential, dropout)
event <- latent <= observed
month_bijstand <- ifelse(event, latent, NA_integer_)
# Survival-shaped: for 60 % of the clients with the event, follow-up ends in the event month.
followup <- ifelse(event & runif(n) < 0.6, latent, observed)
wide <- data.frame(
  arm = arm, followup_months = followup, month_bijstand = month_bijstand, age = age,
  gender = gender, stringsAsFactors = FALSE
)
da <- data.frame(
  treatment = as.numeric(arm == "experiment"), age = age, gender = gender,
  time = ifelse(event, latent, followup), status = as.numeric(event)
)
months_a <- c(1, 3, 6, 12, 18, 24)
res_a <- series(da, months_a, y ~ treatment + age + gender, ~ age + gender)

# ---- C: censoring that depends on a covariate: dropout 1 % for men, 6 % for women -----
set.seed(20261202)
drop_c <- rgeom(n, ifelse(gender == "woman", 0.06, 0.01)) + 1L
observed_c <- pmin(potential, drop_c)
event_c <- latent <= observed_c
wide_c <- data.frame(
  arm = arm, followup_months = ifelse(event_c, latent, observed_c),
  month_bijstand = ifelse(event_c, latent, NA_integer_), age = age, gender = gender,
  stringsAsFactors = FALSE
)
dc <- data.frame(
  treatment = as.numeric(arm == "experiment"), age = age, gender = gender,
  time = ifelse(event_c, latent, observed_c), status = as.numeric(event_c)
)
res_c <- series(dc, months_a, y ~ treatment + age + gender, ~ age + gender, strata = gender)

# ---- B: survival input with competing destinations: colon (recurrence vs death) -----------
co <- survival::colon
rec <- co[co$etype == 1, ]
dea <- co[co$etype == 2, ]
dea <- dea[match(rec$id, dea$id), ]
days <- ifelse(rec$status == 1, rec$time, dea$time)
dest <- ifelse(rec$status == 1, "recurrence", ifelse(dea$status == 1, "death", "censored"))
keep <- rec$rx %in% c("Lev+5FU", "Obs")
colon_in <- data.frame(
  rx = as.character(rec$rx), time = days / 30.4375, status = dest, age = rec$age,
  sex = rec$sex, obstruct = rec$obstruct, stringsAsFactors = FALSE
)
# The wide form survivalToWide builds: an event falls in month ceiling(time).
b <- colon_in[keep, ]
db <- data.frame(
  treatment = as.numeric(b$rx == "Lev+5FU"), age = b$age, sex = b$sex, obstruct = b$obstruct,
  time = ifelse(b$status == "censored", b$time, ceiling(b$time)),
  status = ifelse(b$status == "recurrence", 1, ifelse(b$status == "death", 2, 0))
)
months_b <- c(6, 12, 24, 36, 60)
res_b <- series(db, months_b, y ~ treatment + age + sex + obstruct, ~ age + sex + obstruct)

out <- list(
  wide = list(data = wide, months = months_a, results = res_a),
  strata = list(data = wide_c, months = months_a, results = res_c),
  colon = list(data = colon_in, months = months_b, results = res_b)
)
write(toJSON(out, auto_unbox = TRUE, digits = NA, na = "null", dataframe = "columns"),
      "tests/reference/ipcw.json")
