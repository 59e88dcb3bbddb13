# Reference values for src/outcomes/ (Kaplan–Meier, Aalen–Johansen, complete follow-up).
#
# Re-run from the repository root:
#   Rscript tests/reference/outcomes.R
# It writes tests/reference/outcomes.json (input data and R's results at 17 significant
# digits). The tests read that JSON and never need R. Needs the R packages survival and
# jsonlite (`apt-get install -y r-cran-jsonlite` if missing).
suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

set.seed(20240611)

# ---- Client-level dataset: one row per client, integer months 1..24 -------------------
n <- 300
arm <- sample(c("experiment", "control"), n, replace = TRUE, prob = c(0.6, 0.4))
# Follow-up: most clients observed the full 24 months, the rest censored earlier.
followup <- ifelse(runif(n) < 0.6, 24L, sample(1:23, n, replace = TRUE))
# Latent first months of two events; lower bijstand hazard in the experiment arm.
hb <- ifelse(arm == "experiment", 0.018, 0.026)
lb <- rgeom(n, hb) + 1L
lw <- rgeom(n, 0.035) + 1L
month_bijstand <- ifelse(lb <= followup, lb, NA_integer_)
month_work <- ifelse(lw <= followup, lw, NA_integer_)
clients <- data.frame(
  id = sprintf("c%03d", seq_len(n)), arm = arm, followup_months = followup,
  month_bijstand = month_bijstand, month_work = month_work, stringsAsFactors = FALSE
)

# Single event (bijstand): time = event month, or follow-up when never observed.
kmTime <- ifelse(is.na(month_bijstand), followup, month_bijstand)
kmEvent <- as.integer(!is.na(month_bijstand))

# Competing destinations: the first event; ties in the same month go to bijstand
# (priority order bijstand, work, as the tests pass to the TypeScript code).
fb <- ifelse(is.na(month_bijstand), Inf, month_bijstand)
fw <- ifelse(is.na(month_work), Inf, month_work)
first <- pmin(fb, fw)
ajTime <- ifelse(is.finite(first), first, followup)
ajCause <- ifelse(!is.finite(first), 0L, ifelse(fb <= fw, 1L, 2L))

# ---- Continuous times with heavy ties (kernel test, non-integer times) -----------------
m <- 200
ctime <- round(rexp(m, 0.15), 1) + 0.1
ccause <- sample(0:2, m, replace = TRUE, prob = c(0.3, 0.4, 0.3))

# ---- Edge: the last time has only events, so survival reaches 0 ------------------------
etime <- c(1, 2, 2, 3, 3, 4, 5, 5)
eevent <- c(1, 0, 1, 1, 0, 1, 1, 1)

# ---- Helpers ------------------------------------------------------------------------------
km <- function(time, event, conf.type = "log") {
  fit <- survfit(Surv(time, event) ~ 1, conf.type = conf.type)
  s <- summary(fit, censored = TRUE)
  list(
    confType = conf.type,
    time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
    surv = fit$surv,
    std_err_log = fit$std.err, # survfit object: SE of -log S (cumulative hazard scale)
    std_err = s$std.err, # summary.survfit: SE of S itself (= surv * std_err_log)
    lower = fit$lower, upper = fit$upper
  )
}

aj <- function(time, cause, labels, conf.type = "log") {
  status <- factor(cause, levels = seq(0, length(labels)), labels = c("censor", labels))
  fit <- survfit(Surv(time, status) ~ 1, conf.type = conf.type)
  list(
    confType = conf.type,
    states = fit$states, # "(s0)" then the causes
    time = fit$time, n_risk = fit$n.risk[, 1], n_event = fit$n.event, n_censor = fit$n.censor,
    pstate = fit$pstate, std_err = fit$std.err, lower = fit$lower, upper = fit$upper
  )
}

kmAt <- function(time, event, times) {
  fit <- survfit(Surv(time, event) ~ 1)
  s <- summary(fit, times = times, extend = FALSE)
  list(time = s$time, n_risk = s$n.risk, surv = s$surv, std_err = s$std.err,
       lower = s$lower, upper = s$upper)
}

ajAt <- function(time, cause, labels, times) {
  status <- factor(cause, levels = seq(0, length(labels)), labels = c("censor", labels))
  fit <- survfit(Surv(time, status) ~ 1)
  s <- summary(fit, times = times, extend = FALSE)
  list(states = fit$states, time = s$time, n_risk = s$n.risk[, 1], pstate = s$pstate,
       std_err = s$std.err, lower = s$lower, upper = s$upper)
}

# Complete follow-up share at month m: clients observed >= m months; Wilson interval as
# prop.test without continuity correction.
complete <- function(ev, fu, months) {
  rows <- lapply(months, function(m) {
    keep <- fu >= m
    x <- sum(!is.na(ev[keep]) & ev[keep] <= m)
    nn <- sum(keep)
    ci <- if (nn > 0) prop.test(x, nn, correct = FALSE)$conf.int else c(NA, NA)
    c(m, nn, x, x / nn, ci[1], ci[2])
  })
  r <- do.call(rbind, rows)
  list(month = as.integer(r[, 1]), n = as.integer(r[, 2]), events = as.integer(r[, 3]),
       share = r[, 4], lower = r[, 5], upper = r[, 6])
}

byArm <- function(f) {
  out <- list()
  for (a in c("experiment", "control")) out[[a]] <- f(arm == a)
  out
}
horizon <- function(sel) seq_len(max(followup[sel]))

ref <- list(
  generatedBy = "tests/reference/outcomes.R",
  R = R.version.string,
  survival = as.character(packageVersion("survival")),
  clients = clients,
  continuous = list(time = ctime, cause = ccause),
  edge = list(time = etime, event = eevent),
  km = list(
    log = km(kmTime, kmEvent, "log"),
    loglog = km(kmTime, kmEvent, "log-log"),
    plain = km(kmTime, kmEvent, "plain"),
    continuous = km(ctime, as.integer(ccause > 0)),
    edge = km(etime, eevent),
    byArmMonthly = byArm(function(sel) kmAt(kmTime[sel], kmEvent[sel], horizon(sel)))
  ),
  aj = list(
    log = aj(ajTime, ajCause, c("bijstand", "work")),
    loglog = aj(ajTime, ajCause, c("bijstand", "work"), "log-log"),
    plain = aj(ajTime, ajCause, c("bijstand", "work"), "plain"),
    continuous = aj(ctime, ccause, c("a", "b")),
    byArmMonthly = byArm(function(sel) ajAt(ajTime[sel], ajCause[sel], c("bijstand", "work"), horizon(sel)))
  ),
  complete = byArm(function(sel) complete(month_bijstand[sel], followup[sel], 1:24))
)

# ---- Time fractions (Table 5.3 shape): months in each state within the follow-up --------
# Drawn after all other random numbers, so the earlier reference values do not move.
benefit <- pmin(followup, rbinom(n, followup, ifelse(arm == "experiment", 0.50, 0.53)))
job <- pmin(followup, rbinom(n, followup, 0.3))
welch <- function(x) {
  t <- t.test(x[arm == "experiment"], x[arm == "control"])
  list(estimate = unname(t$estimate[1] - t$estimate[2]), std_err = t$stderr,
       statistic = unname(t$statistic), df = unname(t$parameter), p_value = t$p.value,
       lower = t$conf.int[1], upper = t$conf.int[2])
}
ref$timeFractions <- list(
  months_benefit = benefit, months_job = job,
  benefit = welch(benefit / followup), job = welch(job / followup)
)

# jsonlite prints at most 15 significant digits, so numeric results are written verbatim
# with sprintf("%.17g") (exact round trip); a matrix becomes an array of its columns.
num17 <- function(x) {
  if (is.matrix(x) && is.numeric(x)) return(lapply(seq_len(ncol(x)), function(j) num17(x[, j])))
  if (is.numeric(x) && !is.integer(x)) {
    s <- ifelse(is.finite(x), sprintf("%.17g", x), "null")
    return(structure(paste0("[", paste(s, collapse = ","), "]"), class = "json"))
  }
  if (is.list(x) && !is.data.frame(x)) return(lapply(x, num17))
  x
}
writeLines(
  toJSON(num17(ref), na = "null", auto_unbox = TRUE, matrix = "columnmajor", json_verbatim = TRUE),
  "tests/reference/outcomes.json"
)
cat("wrote tests/reference/outcomes.json\n")

