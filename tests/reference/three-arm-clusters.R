# Reference results for several arms with clusters and blocks (issue #14): `effectSeries` and
# `compareArms` with `arms` plus `clusters` / `blocks` (tests/analysis/arm-clusters.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/three-arm-clusters.R
# It writes tests/reference/three-arm-clusters.csv (a synthetic cluster-randomised, blocked
# three-arm trial, generated here with set.seed: one row per client) and
# tests/reference/three-arm-clusters.json (R's results at 17 significant digits). The tests read
# only these files.
# Needs: estimatr (lm_robust, difference_in_means), clubSandwich (linear_contrast).
#
# The design: 4 blocks (regions) of 6 offices; within each block 2 offices per arm (service,
# enforcement, control). Per month m = 1…M under complete follow-up (clients observed ≥ m months,
# y = 1{month_work ≤ m}), with arm a factor whose first level is the reference arm `control`
# and contrasts all pairs (service − enforcement, service − control, enforcement − control), each
# contrast c'b with c = e_a − e_b:
#   cr2:       lm(y ~ arm + age + gender); clubSandwich::linear_contrast(fit, vcov = "CR2",
#              cluster = office, contrasts = C, test = "Satterthwaite"): estimate, SE √(c'Vc) and
#              the contrast's own Satterthwaite df (checked: the SE equals lm_robust's CR2 c'Vc)
#   stata, cr0: lm_robust(y ~ arm + age + gender, clusters = office, se_type = …), SE √(c'Vc),
#              t on G − 1 df (estimatr's df for these types)
#   fe_cr2:    the cr2 model with block dummies (+ block), i.e. block fixed effects
#   fe_stata:  lm_robust(…, fixed_effects = ~block, clusters = office, se_type = "stata")
#   fe_only_cr2: lm(y ~ arm + block), CR2 as above (blocks, no covariates)
#   fe_hc2:    lm_robust(y ~ arm + age + gender + block, se_type = "HC2"), t on n − k (blocks only)
#   raw_clusters, raw_both, raw_blocks: per pair, difference_in_means(y ~ t, clusters = office,
#              blocks = block) on the pair's two arms (t = 1 for the first arm)
# and p.adjust("holm") across the three contrasts of the month (cr2, fe_cr2).
# compareArms: days_work (numeric, every client) with the cr2 / fe_cr2 / stata contrasts and the
# clustered difference in means per pair.
suppressPackageStartupMessages({
  library(estimatr)
  library(clubSandwich)
})

set.seed(20261401)
n_block <- 4
block_of_office <- rep(sprintf("r%d", seq_len(n_block)), each = 6)
n_office <- length(block_of_office)
size <- sample(6:14, n_office, replace = TRUE)
arm_office <- as.vector(sapply(seq_len(n_block), function(b) {
  sample(rep(c("service", "enforcement", "control"), each = 2))
}))
office_label <- sprintf("office%02d", seq_len(n_office))
office <- rep(office_label, times = size)
block <- rep(block_of_office, times = size)
arm <- rep(arm_office, times = size)
n <- length(office)
age <- round(rnorm(n, 40, 10))
gender <- sample(c("man", "woman"), n, replace = TRUE)
office_eff <- rnorm(n_office, sd = 0.5)[match(office, office_label)]
block_eff <- c(r1 = 0, r2 = 0.3, r3 = -0.2, r4 = 0.5)[block]
arm_eff <- c(service = 0.4, enforcement = 0.2, control = 0)[arm]
M <- 8
rate <- plogis(-2.2 + arm_eff + 0.02 * (age - 40) + 0.2 * (gender == "woman") + office_eff +
  block_eff)
event <- rep(NA_real_, n)
for (i in seq_len(n)) {
  for (m in seq_len(M)) if (runif(1) < rate[i]) {
    event[i] <- m
    break
  }
}
followup <- sample(4:M, n, replace = TRUE, prob = c(1, 1, 1, 2, 6))
event[!is.na(event) & event > followup] <- NA
days_work <- round(pmax(0, 120 + 30 * (arm == "service") + 15 * (arm == "enforcement") +
  2 * (age - 40) + 60 * office_eff + rnorm(n, sd = 50)))
data <- data.frame(arm = arm, office = office, block = block, age = age, gender = gender,
  followup_months = followup, month_work = event, days_work = days_work,
  stringsAsFactors = FALSE)
write.csv(data, "tests/reference/three-arm-clusters.csv", row.names = FALSE, na = "")

arms <- c("service", "enforcement", "control")
reference <- "control"
pairs <- list(c("service", "enforcement"), c("service", "control"), c("enforcement", "control"))
labels <- sapply(pairs, function(p) paste(p[1], "−", p[2]))

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
  if (is.character(x)) {
    s <- paste0("\"", x, "\"")
    return(if (length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  if (is.logical(x)) x <- as.numeric(x)
  s <- num(unname(as.numeric(x)))
  if (length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}

# The contrast matrix over the coefficients of a fit whose arm dummies are named arm<label>.
contrast_matrix <- function(names) {
  C <- matrix(0, length(pairs), length(names), dimnames = list(labels, names))
  for (j in seq_along(pairs)) {
    for (s in 1:2) {
      a <- pairs[[j]][s]
      if (a != reference) C[j, paste0("arm", a)] <- if (s == 1) 1 else -1
    }
  }
  C
}
coef_row <- function(est, se, df, level = 0.95) {
  t <- est / se
  q <- qt(1 - (1 - level) / 2, df)
  list(estimate = est, std_error = se, statistic = t, df = df, p_value = 2 * pt(-abs(t), df),
    conf_low = est - q * se, conf_high = est + q * se)
}
# CR2 with clubSandwich: each contrast with its own Satterthwaite df.
club <- function(formula, d) {
  fit <- lm(formula, data = d)
  C <- contrast_matrix(names(coef(fit)))
  lc <- linear_contrast(fit, vcov = "CR2", cluster = d$office, contrasts = C,
    test = "Satterthwaite", p_values = TRUE)
  robust <- lm_robust(formula, data = d, clusters = office, se_type = "CR2")
  V <- vcov(robust)[names(coef(fit)), names(coef(fit))]
  se <- sqrt(diag(C %*% V %*% t(C)))
  stopifnot(max(abs(se - lc$SE) / lc$SE) < 1e-10)
  rows <- lapply(seq_along(pairs), function(j) {
    r <- coef_row(lc$Est[j], lc$SE[j], lc$df[j])
    stopifnot(abs(r$p_value - lc$p_val[j]) < 1e-10)
    r
  })
  p <- sapply(rows, function(r) r$p_value)
  list(contrasts = rows, holm = p.adjust(p, "holm"), bh = p.adjust(p, "BH"),
    n_clusters = length(unique(d$office)))
}
# lm_robust with se_type CR0 / stata (df G − 1) or HC2 (df n − k): c'b, √(c'Vc).
robust <- function(formula, d, se_type, ...) {
  fit <- if (se_type == "HC2") lm_robust(formula, data = d, se_type = "HC2", ...) else
    lm_robust(formula, data = d, clusters = office, se_type = se_type, ...)
  b <- coef(fit)
  C <- contrast_matrix(names(b))
  V <- vcov(fit)
  est <- as.vector(C %*% b)
  se <- sqrt(diag(C %*% V %*% t(C)))
  df <- if (se_type == "HC2") fit$df.residual else length(unique(d$office)) - 1
  stopifnot(all(abs(fit$df - df) < 1e-9))
  rows <- lapply(seq_along(pairs), function(j) coef_row(est[j], se[j], df))
  list(contrasts = rows, holm = p.adjust(sapply(rows, function(r) r$p_value), "holm"))
}
raw <- function(d, y, clusters, blocks) {
  lapply(pairs, function(p) {
    s <- d[d$arm %in% p, ]
    s$t <- as.numeric(s$arm == p[1])
    s$y <- s[[y]]
    fit <- if (clusters && blocks) {
      difference_in_means(y ~ t, data = s, clusters = office, blocks = block)
    } else if (clusters) {
      difference_in_means(y ~ t, data = s, clusters = office)
    } else {
      difference_in_means(y ~ t, data = s, blocks = block)
    }
    list(estimate = unname(fit$coefficients), std_error = unname(fit$std.error),
      df = unname(fit$df), p_value = unname(fit$p.value), conf_low = unname(fit$conf.low),
      conf_high = unname(fit$conf.high))
  })
}

months <- lapply(seq_len(M), function(m) {
  d <- data[data$followup_months >= m, ]
  d$y <- as.numeric(!is.na(d$month_work) & d$month_work <= m)
  d$arm <- factor(d$arm, levels = c(reference, setdiff(arms, reference)))
  list(
    month = m, n = nrow(d), events = sum(d$y),
    cr2 = club(y ~ arm + age + gender, d),
    stata = robust(y ~ arm + age + gender, d, "stata"),
    cr0 = robust(y ~ arm + age + gender, d, "CR0"),
    fe_cr2 = club(y ~ arm + age + gender + block, d),
    fe_stata = robust(y ~ arm + age + gender, d, "stata", fixed_effects = ~block),
    fe_only_cr2 = club(y ~ arm + block, d),
    fe_hc2 = robust(y ~ arm + age + gender + block, d, "HC2"),
    raw_clusters = raw(d, "y", TRUE, FALSE),
    raw_both = raw(d, "y", TRUE, TRUE),
    raw_blocks = raw(d, "y", FALSE, TRUE)
  )
})

all <- data
all$arm <- factor(all$arm, levels = c(reference, setdiff(arms, reference)))
compare <- list(
  cr2 = club(days_work ~ arm + age + gender, all),
  fe_cr2 = club(days_work ~ arm + age + gender + block, all),
  stata = robust(days_work ~ arm + age + gender, all, "stata"),
  raw_clusters = raw(all, "days_work", TRUE, FALSE),
  raw_both = raw(all, "days_work", TRUE, TRUE)
)

writeLines(to_json(list(labels = labels, months = months, compare = compare)),
  "tests/reference/three-arm-clusters.json")
cat("wrote tests/reference/three-arm-clusters.csv and .json\n")
