# Reference values for src/analysis/{complier,compare-arms,monthly-states}.ts: complier effects
# (2SLS), arm comparisons of other outcomes, and time fractions from a monthly panel.
#
# Re-run from the repository root:
#   Rscript tests/reference/compliance.R
# It writes tests/reference/compliance.json: the input data and R's results at 17 significant
# digits (sprintf('%.17g'); jsonlite would print only 15). The tests read that JSON and never
# need R. Needs estimatr (iv_robust, lm_robust); stats (t.test).
suppressPackageStartupMessages(library(estimatr))

set.seed(20261126)
n <- 900
arm <- ifelse(runif(n) < 0.8, "experiment", "control")
z <- as.numeric(arm == "experiment")
age <- round(rnorm(n, 45, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
education <- sample(c("low", "middle", "high"), n, replace = TRUE, prob = c(0.3, 0.5, 0.2))
prior <- rbinom(n, 1, 0.3)

# Participation (Table 2 categories): experiment clients can be assessed and get a conversation;
# a few control clients get a three-way conversation anyway (two-sided non-compliance).
u <- runif(n)
participation <- ifelse(z == 1,
  ifelse(u < 0.21, "not_assessed", ifelse(u < 0.66, "assessed_no_conversation",
    ifelse(u < 0.88, "uwv_conversation", "three_way_conversation"))),
  ifelse(u < 0.95, "not_assessed", "three_way_conversation"))
d <- as.numeric(participation %in% c("uwv_conversation", "three_way_conversation"))

# Monthly hazard of bijstand: prognostic covariates and an effect of receiving the service.
hazard <- plogis(-3.6 + 0.03 * (age - 45) + 1.1 * prior + 0.4 * (education == "low") -
  0.9 * d)
latent <- rgeom(n, hazard) + 1L
followup <- ifelse(runif(n) < 0.7, 24L, sample(6:23, n, replace = TRUE))
month_bijstand <- ifelse(latent <= followup, latent, NA_integer_)

# A numeric outcome with missing values (income in the second year), and job quality.
income <- round(12000 + 80 * (age - 45) - 1500 * prior + 900 * d + rnorm(n, 0, 4000), 2)
income[sample(n, 40)] <- NA
has_job <- rbinom(n, 1, 0.45 + 0.04 * d) == 1
permanent <- ifelse(has_job, rbinom(n, 1, 0.18 - 0.01 * z), NA)
job_days <- ifelse(has_job, round(rgamma(n, shape = 2, rate = 2 / 150)), NA)
n_jobs <- ifelse(has_job, 1 + rpois(n, 0.6), 0)
parttime <- ifelse(has_job, round(pmin(1, rbeta(n, 5, 1.7)), 3), NA)
hourly_wage <- ifelse(has_job, round(rlnorm(n, log(14), 0.25), 2), NA)
# One missing covariate: that client leaves every adjusted analysis.
age_cov <- age
age_cov[7] <- NA

clients <- data.frame(
  id = sprintf("c%04d", seq_len(n)), arm = arm, followup_months = followup,
  month_bijstand = month_bijstand, participation = participation, received = d,
  age = age_cov, gender = gender, education = education, prior_bijstand = prior,
  income = income, permanent = permanent, job_days = job_days, n_jobs = n_jobs,
  parttime = parttime, hourly_wage = hourly_wage, stringsAsFactors = FALSE
)

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str_vec <- function(x) paste0("[", paste0(ifelse(is.na(x), "null", paste0('"', x, '"')), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste0('"', names(kv), '":', unlist(kv), collapse = ","), "}")
}
coef_json <- function(fit, term) {
  obj(estimate = num(fit$coefficients[[term]]), stdError = num(fit$std.error[[term]]),
      statistic = num(fit$statistic[[term]]), df = num(fit$df[[term]]),
      pValue = num(fit$p.value[[term]]), ciLow = num(fit$conf.low[[term]]),
      ciHigh = num(fit$conf.high[[term]]))
}
covs <- "age + gender + education + prior_bijstand"

complier_json <- function(df) {
  df$z <- as.numeric(df$arm == "experiment")
  one <- function(rhs_extra) {
    f_iv <- as.formula(paste0("y ~ received", rhs_extra, " | z", rhs_extra))
    iv <- iv_robust(f_iv, data = df, diagnostics = TRUE) # se_type NULL = HC2 without clusters
    fs <- lm_robust(as.formula(paste0("received ~ z", rhs_extra)), data = df, se_type = "HC2")
    rf <- lm_robust(as.formula(paste0("y ~ z", rhs_extra)), data = df, se_type = "HC2")
    f <- iv$diagnostic_first_stage_fstatistic
    obj(complier = coef_json(iv, "received"), firstStage = coef_json(fs, "z"),
        itt = coef_json(rf, "z"), f = num(f[[1]]), fDf = vec(f[2:3]), fP = num(f[[4]]),
        seType = paste0('"', iv$se_type, '"'), n = num(nobs(iv)))
  }
  wald <- (mean(df$y[df$z == 1]) - mean(df$y[df$z == 0])) /
    (mean(df$received[df$z == 1]) - mean(df$received[df$z == 0]))
  obj(n = num(nrow(df)), nTreated = num(sum(df$z == 1)), nControl = num(sum(df$z == 0)),
      wald = num(wald), unadjusted = one(""), adjusted = one(paste0(" + ", covs)))
}

# Complier effects on bijstand by month 12 and 24 (complete follow-up), and on income.
complete <- clients[!is.na(clients$age), ]
month_case <- function(m) {
  df <- complete[complete$followup_months >= m, ]
  df$y <- as.numeric(!is.na(df$month_bijstand) & df$month_bijstand <= m)
  complier_json(df)
}
income_df <- complete[!is.na(complete$income), ]
income_df$y <- income_df$income
complier <- obj(month12 = month_case(12), month24 = month_case(24), income = complier_json(income_df))

# Arm comparisons: Welch t test (numeric), difference in proportions (0/1), lm_robust HC2 adjusted.
outcomes <- c("permanent", "job_days", "n_jobs", "parttime", "hourly_wage", "income")
compare <- sapply(outcomes, function(o) {
  df <- complete[!is.na(complete[[o]]), ]
  df$z <- as.numeric(df$arm == "experiment")
  yt <- df[[o]][df$z == 1]; yc <- df[[o]][df$z == 0]
  binary <- all(df[[o]] %in% c(0, 1))
  if (binary) {
    p1 <- mean(yt); p0 <- mean(yc)
    se <- sqrt(p1 * (1 - p1) / length(yt) + p0 * (1 - p0) / length(yc))
    zst <- (p1 - p0) / se
    raw <- obj(estimate = num(p1 - p0), stdError = num(se), statistic = num(zst),
               df = '"Infinity"', pValue = num(2 * pnorm(-abs(zst))),
               ciLow = num(p1 - p0 - qnorm(0.975) * se), ciHigh = num(p1 - p0 + qnorm(0.975) * se))
  } else {
    tt <- t.test(yt, yc)
    raw <- obj(estimate = num(unname(tt$estimate[1] - tt$estimate[2])), stdError = num(tt$stderr),
               statistic = num(unname(tt$statistic)), df = num(unname(tt$parameter)),
               pValue = num(tt$p.value), ciLow = num(tt$conf.int[1]), ciHigh = num(tt$conf.int[2]))
  }
  adj <- lm_robust(as.formula(paste0(o, " ~ z + ", covs)), data = df, se_type = "HC2")
  obj(kind = if (binary) '"binary"' else '"numeric"', meanTreated = num(mean(yt)),
      meanControl = num(mean(yc)), nTreated = num(length(yt)), nControl = num(length(yc)),
      missingTreated = num(sum(is.na(complete[[o]][complete$arm == "experiment"]))),
      missingControl = num(sum(is.na(complete[[o]][complete$arm == "control"]))),
      raw = raw, adjusted = coef_json(adj, "z"))
})
compare_json <- paste0("{", paste0('"', outcomes, '":', compare, collapse = ","), "}")

# Monthly panel for the first 200 clients: months 1..followup, states benefit/job/other (a month
# can carry benefit and job at once), and Welch tests of the fractions.
panel_ids <- clients$id[1:200]
panel <- do.call(rbind, lapply(1:200, function(i) {
  m <- seq_len(clients$followup_months[i])
  exit <- sample(3:30, 1)
  benefit <- m < exit
  job <- m >= exit - 1 & runif(length(m)) < 0.8
  other <- !benefit & !job
  rbind(
    data.frame(id = rep(clients$id[i], sum(benefit)), month = m[benefit], state = rep("benefit", sum(benefit))),
    data.frame(id = rep(clients$id[i], sum(job)), month = m[job], state = rep("job", sum(job))),
    data.frame(id = rep(clients$id[i], sum(other)), month = m[other], state = rep("other", sum(other)))
  )
}))
panel <- panel[order(panel$id, panel$month), ]
sub <- clients[1:200, ]
fractions <- sapply(c("benefit", "job", "other"), function(s) {
  months <- sapply(sub$id, function(k) sum(panel$id == k & panel$state == s))
  f <- months / sub$followup_months
  tt <- t.test(f[sub$arm == "experiment"], f[sub$arm == "control"])
  obj(months = vec(months), meanTreated = num(unname(tt$estimate[1])),
      meanControl = num(unname(tt$estimate[2])),
      estimate = num(unname(tt$estimate[1] - tt$estimate[2])), stdError = num(tt$stderr),
      df = num(unname(tt$parameter)), pValue = num(tt$p.value))
})
fractions_json <- paste0("{", paste0('"', names(fractions), '":', fractions, collapse = ","), "}")

data_json <- paste0(
  '{"id":', str_vec(clients$id), ',"arm":', str_vec(clients$arm),
  ',"followup_months":', vec(clients$followup_months),
  ',"month_bijstand":', vec(clients$month_bijstand),
  ',"participation":', str_vec(clients$participation), ',"received":', vec(clients$received),
  ',"age":', vec(clients$age), ',"gender":', str_vec(clients$gender),
  ',"education":', str_vec(clients$education), ',"prior_bijstand":', vec(clients$prior_bijstand),
  ',"income":', vec(clients$income), ',"permanent":', vec(clients$permanent),
  ',"job_days":', vec(clients$job_days), ',"n_jobs":', vec(clients$n_jobs),
  ',"parttime":', vec(clients$parttime), ',"hourly_wage":', vec(clients$hourly_wage), "}"
)
panel_json <- paste0('{"id":', str_vec(panel$id), ',"month":', vec(panel$month),
                     ',"state":', str_vec(panel$state), "}")
json <- paste0('{"data":', data_json, ',"complier":', complier, ',"compare":', compare_json,
               ',"panel":', panel_json, ',"fractions":', fractions_json, "}")
writeLines(json, "tests/reference/compliance.json")
cat("wrote tests/reference/compliance.json\n")
