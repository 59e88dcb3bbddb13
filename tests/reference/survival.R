# Reference values for the survival estimators in src/outcomes/ and src/estimate/cox.ts:
# incidenceDifference (survfit + summary(times =, extend = TRUE)), logRankTest (survdiff),
# rmstDifference (print(fit, rmean = tau)), grayTest (cmprsk::cuminc()$Tests) and
# coxRegression (coxph, Efron and Breslow, robust = TRUE).
#
# Re-run from the repository root:
#   Rscript tests/reference/survival.R
# It writes tests/reference/survival.json: the client tables generated here (set.seed) and R's
# results at 17 significant digits. The tests read that JSON and never need R. Needs the R
# packages survival and cmprsk.
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})

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
    s <- ifelse(is.na(x), "null", paste0("\"", as.character(x), "\""))
    return(if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  if (is.logical(x)) x <- as.numeric(x)
  s <- num(unname(as.numeric(x)))
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}
vec <- function(x) I(unname(as.numeric(x)))
chr <- function(x) I(as.character(x))

# ---- the client tables ---------------------------------------------------------------------------
# One row per client, integer months (many ties), follow-up censoring and two destinations: work
# (the event) and bijstand (the competing destination). A client's two event months never fall
# in the same month, so the first destination is always defined.
make_clients <- function(n, max_event = Inf) {
  arm <- sample(c("experiment", "control"), n, replace = TRUE, prob = c(0.6, 0.4))
  age <- round(rnorm(n, 40, 10))
  gender <- sample(c("man", "woman"), n, replace = TRUE)
  followup <- ifelse(runif(n) < 0.55, 24L, sample(2:23, n, replace = TRUE))
  hw <- plogis(-3.3 + 0.35 * (arm == "experiment") - 0.02 * (age - 40) + 0.2 * (gender == "woman"))
  lw <- rgeom(n, hw) + 1L
  lb <- rgeom(n, ifelse(arm == "experiment", 0.02, 0.028)) + 1L
  lb <- ifelse(lb == lw, lb + 1L, lb)
  lw[lw > max_event] <- 1000L
  lb[lb > max_event] <- 1000L
  data.frame(
    id = sprintf("s%03d", seq_len(n)), arm = arm, followup_months = followup,
    month_work = ifelse(lw <= followup, lw, NA_integer_),
    month_bijstand = ifelse(lb <= followup, lb, NA_integer_),
    age = age, gender = gender, stringsAsFactors = FALSE
  )
}
set.seed(20261201)
clients <- make_clients(400)
# Events only in months 1-9, follow-up up to 24: curves stay flat after the last event.
early <- make_clients(120, max_event = 9)

# (time, status) per client: work alone (bijstand does not censor), and the first destination.
single <- function(d) {
  list(time = ifelse(is.na(d$month_work), d$followup_months, d$month_work),
       status = as.numeric(!is.na(d$month_work)))
}
competing <- function(d) {
  first <- pmin(d$month_work, d$month_bijstand, na.rm = TRUE)
  status <- ifelse(is.na(first), 0, ifelse(!is.na(d$month_work) & d$month_work == first, 1, 2))
  list(time = ifelse(is.na(first), d$followup_months, first), status = status)
}

table_of <- function(d) {
  list(id = chr(d$id), arm = chr(d$arm), followup_months = vec(d$followup_months),
       month_work = vec(d$month_work), month_bijstand = vec(d$month_bijstand),
       age = vec(d$age), gender = chr(d$gender))
}

# ---- incidence by month: 1 - KM, or Aalen-Johansen, at times with extend = TRUE --------------------
arms <- c("experiment", "control")
incidence <- function(d, months, with_competing) {
  s <- if (with_competing) competing(d) else single(d)
  out <- list()
  for (a in arms) {
    k <- d$arm == a
    if (with_competing) {
      fit <- survfit(Surv(s$time[k], factor(s$status[k], 0:2, c("censor", "work", "bijstand"))) ~ 1)
      sm <- summary(fit, times = months, extend = TRUE)
      j <- which(sm$states == "work")
      out[[a]] <- list(time = vec(sm$time), n_risk = vec(sm$n.risk[, 1]),
                       incidence = vec(sm$pstate[, j]), std_err = vec(sm$std.err[, j]),
                       lower = vec(sm$lower[, j]), upper = vec(sm$upper[, j]),
                       max_time = max(s$time[k]))
    } else {
      fit <- survfit(Surv(s$time[k], s$status[k]) ~ 1)
      sm <- summary(fit, times = months, extend = TRUE)
      out[[a]] <- list(time = vec(sm$time), n_risk = vec(sm$n.risk),
                       incidence = vec(1 - sm$surv), std_err = vec(sm$std.err),
                       lower = vec(1 - sm$upper), upper = vec(1 - sm$lower),
                       max_time = max(s$time[k]))
    }
  }
  e <- out$experiment; c0 <- out$control
  diff <- e$incidence - c0$incidence
  se <- sqrt(e$std_err^2 + c0$std_err^2)
  z <- diff / se
  out$difference <- list(estimate = vec(diff), std_err = vec(se), statistic = vec(z),
                         p_value = vec(2 * pnorm(-abs(z))),
                         ci_lower = vec(diff - qnorm(0.975) * se),
                         ci_upper = vec(diff + qnorm(0.975) * se))
  out
}

# ---- log-rank (rho = 0) ---------------------------------------------------------------------------
logrank <- function(d, with_competing) {
  s <- if (with_competing) competing(d) else single(d)
  arm <- factor(d$arm, levels = arms)
  t <- survdiff(Surv(s$time, s$status == 1) ~ arm)
  list(statistic = t$chisq, df = length(t$n) - 1,
       p_value = pchisq(t$chisq, length(t$n) - 1, lower.tail = FALSE),
       observed = vec(t$obs), expected = vec(t$exp), variance = vec(t$var))
}

# ---- restricted mean event-free time ---------------------------------------------------------------
rmst <- function(d, tau) {
  s <- single(d)
  out <- list(tau = tau)
  for (a in arms) {
    k <- d$arm == a
    tab <- summary(survfit(Surv(s$time[k], s$status[k]) ~ 1), rmean = tau)$table
    out[[a]] <- list(rmean = unname(tab["rmean"]), se = unname(tab["se(rmean)"]),
                     n = sum(k))
  }
  diff <- out$experiment$rmean - out$control$rmean
  se <- sqrt(out$experiment$se^2 + out$control$se^2)
  out$difference <- list(estimate = diff, std_err = se, statistic = diff / se,
                         p_value = 2 * pnorm(-abs(diff / se)),
                         ci_lower = diff - qnorm(0.975) * se, ci_upper = diff + qnorm(0.975) * se)
  out
}

# ---- Gray's test ----------------------------------------------------------------------------------
gray <- function(d) {
  s <- competing(d)
  t <- cuminc(s$time, s$status, group = d$arm, cencode = 0)$Tests
  list(work = list(statistic = t["1", "stat"], p_value = t["1", "pv"], df = t["1", "df"]),
       bijstand = list(statistic = t["2", "stat"], p_value = t["2", "pv"], df = t["2", "df"]))
}

# ---- Cox regression -------------------------------------------------------------------------------
cox <- function(d, ties, with_competing = FALSE) {
  s <- if (with_competing) competing(d) else single(d)
  s$status <- as.numeric(s$status == 1)
  x <- data.frame(time = s$time, status = s$status, treated = as.numeric(d$arm == "experiment"),
                  age = d$age, gender = d$gender)
  fit <- coxph(Surv(time, status) ~ treated + age + gender, data = x, ties = ties, robust = TRUE)
  sm <- summary(fit)$coefficients
  list(names = chr(c("treated", "age", "gender[woman]")),
       estimate = vec(sm[, "coef"]), std_err = vec(sm[, "se(coef)"]),
       robust_std_err = vec(sm[, "robust se"]), statistic_robust = vec(sm[, "z"]),
       p_value_robust = vec(sm[, "Pr(>|z|)"]),
       p_value = vec(2 * pnorm(-abs(sm[, "coef"] / sm[, "se(coef)"]))),
       loglik = vec(fit$loglik), iterations = fit$iter, n = fit$n, events = fit$nevent)
}

# ---- three groups (the kernels take any number): age bands of the client table ------------------
three_groups <- function(d) {
  band <- ifelse(d$age < 35, 0, ifelse(d$age < 45, 1, 2))
  s1 <- single(d)
  s2 <- competing(d)
  lr <- survdiff(Surv(s1$time, s1$status) ~ band)
  g <- cuminc(s2$time, s2$status, group = band, cencode = 0)$Tests
  list(group = vec(band), time = vec(s1$time), status = vec(s1$status),
       time_competing = vec(s2$time), status_competing = vec(s2$status),
       logrank = list(statistic = lr$chisq, df = length(lr$n) - 1,
                      p_value = pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE),
                      observed = vec(lr$obs), expected = vec(lr$exp)),
       gray = list(statistic = g["1", "stat"], p_value = g["1", "pv"], df = g["1", "df"]))
}

out <- list(
  survival = as.character(packageVersion("survival")),
  cmprsk = as.character(packageVersion("cmprsk")),
  clients = table_of(clients),
  early = table_of(early),
  incidence = list(
    single = incidence(clients, 1:24, FALSE),
    competing = incidence(clients, 1:24, TRUE),
    early = incidence(early, 1:24, FALSE)
  ),
  logrank = list(single = logrank(clients, FALSE), competing = logrank(clients, TRUE),
                 early = logrank(early, FALSE)),
  rmst = list(tau12 = rmst(clients, 12), tau24 = rmst(clients, 24), tau7_5 = rmst(clients, 7.5),
              early18 = rmst(early, 18)),
  gray = list(clients = gray(clients), early = gray(early)),
  cox = list(efron = cox(clients, "efron"), breslow = cox(clients, "breslow"),
             earlyEfron = cox(early, "efron"),
             competingEfron = cox(clients, "efron", TRUE)),
  threeGroups = three_groups(clients)
)
writeLines(to_json(out), "tests/reference/survival.json")
cat("wrote tests/reference/survival.json\n")
