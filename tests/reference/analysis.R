# Reference values for src/analysis/ (effect per month, raw and covariate-adjusted).
#
# Re-run from the repository root:
#   Rscript tests/reference/analysis.R
# It writes tests/reference/analysis.json: the input data and R's results at 17 significant
# digits. The tests read that JSON and never need R. Needs estimatr.
suppressPackageStartupMessages(library(estimatr))

set.seed(20261125)
n <- 800
arm <- ifelse(runif(n) < 0.8, "experiment", "control")
age <- round(rnorm(n, 45, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
education <- sample(c("low", "middle", "high"), n, replace = TRUE, prob = c(0.3, 0.5, 0.2))
prior <- rbinom(n, 1, 0.3)
# Monthly hazard of entering bijstand: prognostic covariates and a treatment effect.
hazard <- plogis(-4.2 + 0.03 * (age - 45) + 1.2 * prior + 0.4 * (education == "low") -
  0.35 * (arm == "experiment"))
latent <- rgeom(n, hazard) + 1L
followup <- ifelse(runif(n) < 0.75, 24L, sample(6:23, n, replace = TRUE))
month_bijstand <- ifelse(latent <= followup, latent, NA_integer_)
clients <- data.frame(
  id = sprintf("k%04d", seq_len(n)), arm = arm, followup_months = followup,
  month_bijstand = month_bijstand, age = age, gender = gender, education = education,
  prior_bijstand = prior, stringsAsFactors = FALSE
)

num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
str_vec <- function(x) paste0("[", paste0('"', x, '"', collapse = ","), "]")

months <- 1:24
rows <- character(0)
for (m in months) {
  d <- clients[clients$followup_months >= m, ]
  d$y <- as.numeric(!is.na(d$month_bijstand) & d$month_bijstand <= m)
  d$treatment <- as.numeric(d$arm == "experiment")
  t1 <- d$y[d$treatment == 1]; t0 <- d$y[d$treatment == 0]
  p1 <- mean(t1); p0 <- mean(t0)
  raw_se <- sqrt(p1 * (1 - p1) / length(t1) + p0 * (1 - p0) / length(t0))
  raw_z <- (p1 - p0) / raw_se
  fit <- lm_robust(y ~ treatment + age + gender + education + prior_bijstand, data = d,
                   se_type = "HC2")
  lin <- lm_lin(y ~ treatment, covariates = ~ age + gender + education + prior_bijstand,
                data = d, se_type = "HC2")
  get <- function(f) c(f$coefficients["treatment"], f$std.error["treatment"],
                       f$p.value["treatment"], f$conf.low["treatment"],
                       f$conf.high["treatment"], f$df["treatment"])
  a <- get(fit); l <- get(lin)
  rows <- c(rows, sprintf(paste0(
    '{"month":%d,"n":%d,"nTreated":%d,"nControl":%d,"raw":{"estimate":%s,"stdError":%s,',
    '"pValue":%s},"ols":{"estimate":%s,"stdError":%s,"pValue":%s,"ciLow":%s,"ciHigh":%s,',
    '"df":%s},"lin":{"estimate":%s,"stdError":%s,"pValue":%s,"ciLow":%s,"ciHigh":%s,"df":%s}}'),
    m, nrow(d), length(t1), length(t0), num(p1 - p0), num(raw_se), num(2 * pnorm(-abs(raw_z))),
    num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5]), num(a[6]),
    num(l[1]), num(l[2]), num(l[3]), num(l[4]), num(l[5]), num(l[6])))
}

json <- paste0(
  '{"data":{"id":', str_vec(clients$id), ',"arm":', str_vec(clients$arm),
  ',"followup_months":', vec(clients$followup_months),
  ',"month_bijstand":', vec(clients$month_bijstand), ',"age":', vec(clients$age),
  ',"gender":', str_vec(clients$gender), ',"education":', str_vec(clients$education),
  ',"prior_bijstand":', vec(clients$prior_bijstand), '},',
  '"months":[', paste(rows, collapse = ","), ']}'
)
writeLines(json, "tests/reference/analysis.json")
cat("wrote tests/reference/analysis.json\n")

# ---- Subgroups: effect within gender, and the treatment x education interaction test -------
het <- character(0)
sub <- character(0)
for (m in c(6, 12, 24)) {
  d <- clients[clients$followup_months >= m, ]
  d$y <- as.numeric(!is.na(d$month_bijstand) & d$month_bijstand <= m)
  d$treatment <- as.numeric(d$arm == "experiment")
  d$education <- factor(d$education, levels = c("high", "low", "middle"))
  fit <- lm_robust(y ~ treatment + education + treatment:education + age + gender +
                     prior_bijstand, data = d, se_type = "HC2")
  terms <- c("treatment:educationlow", "treatment:educationmiddle")
  b <- fit$coefficients[terms]
  V <- vcov(fit)[terms, terms]
  W <- as.numeric(t(b) %*% solve(V) %*% b)
  q <- length(terms)
  het <- c(het, sprintf('{"month":%d,"F":%s,"df1":%d,"df2":%s,"pValue":%s}', m, num(W / q), q,
                        num(fit$df.residual), num(pf(W / q, q, fit$df.residual, lower.tail = FALSE))))
  for (g in c("man", "woman")) {
    dg <- d[d$gender == g, ]
    f <- lm_robust(y ~ treatment + age + education + prior_bijstand, data = dg, se_type = "HC2")
    sub <- c(sub, sprintf('{"month":%d,"gender":"%s","estimate":%s,"stdError":%s}', m, g,
                          num(f$coefficients["treatment"]), num(f$std.error["treatment"])))
  }
}
json2 <- sub("\\}$", paste0(',"heterogeneity":[', paste(het, collapse = ","),
                              '],"subgroups":[', paste(sub, collapse = ","), ']}'), json)
writeLines(json2, "tests/reference/analysis.json")
cat("added subgroup and heterogeneity results\n")
