# Reference results for the risk-scan methods in src/scan/ (tests/scan/*.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/scan.R
# It writes tests/reference/scan.json with R's results at 17 significant digits. The tests read
# only the JSON, so they never need R. Needs: pROC (auc, var/ci with method = "delong",
# roc.test unpaired), stats (glm).
# Inputs: a small hand case with ties (below) and the committed synthetic files
# data/scan-population-2023.csv and data/scan-population-2024.csv.
suppressPackageStartupMessages(library(pROC))

num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s": %s', names(kv), unlist(kv)), collapse = ", "), "}")
}

roc_of <- function(y, s) roc(y, s, levels = c(0, 1), direction = "<", quiet = TRUE)
auc_json <- function(y, s) {
  r <- roc_of(y, s)
  ci <- ci.auc(r, method = "delong", conf.level = 0.95)
  obj(auc = num(as.numeric(auc(r))), variance = num(var(r, method = "delong")),
      lower = num(ci[1]), upper = num(ci[3]))
}

# --- small hand case with ties -----------------------------------------------------------
small_s <- c(0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.2, 0.2, 0.1)
small_y <- c(1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0)

# --- the scan on the synthetic 2023 data ---------------------------------------------------
d23 <- read.csv("data/scan-population-2023.csv", stringsAsFactors = FALSE)
d24 <- read.csv("data/scan-population-2024.csv", stringsAsFactors = FALSE)
clevels <- function(x) sort(unique(x), method = "radix") # C-locale order, as the library
for (f in c("household", "municipality")) {
  lv <- clevels(d23[[f]])
  d23[[f]] <- factor(d23[[f]], levels = lv)
  d24[[f]] <- factor(d24[[f]], levels = lv)
}
fit <- glm(bijstand ~ prior_bijstand + ww_entitlement_months + ww_months_left + ww_benefit +
  other_income + ww_supplement + age_at_ww_start + household + municipality,
  family = binomial, data = d23) # default glm.control, as logisticRegression
co <- summary(fit)$coefficients
p23 <- fitted(fit)
p24 <- predict(fit, newdata = d24, type = "response")

r23 <- roc_of(d23$bijstand, p23)
r24 <- roc_of(d24$bijstand, p24)
test <- roc.test(r24, r23, method = "delong", paired = FALSE)

calib <- function(y, p) {
  lp <- qlogis(p)
  citl <- glm(y ~ 1, offset = lp, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
  sl <- glm(y ~ lp, family = binomial) # default glm.control, as logisticRegression
  # Hosmer-Lemeshow over risk deciles: decile = 1 + floor(10 * r / n), r = clients with a
  # strictly higher score (the library's definition; scores here have no ties).
  n <- length(p)
  r <- rank(-p, ties.method = "min") - 1
  g <- 1 + floor(10 * r / n)
  O <- tapply(y, g, sum); E <- tapply(p, g, sum); ng <- tapply(p, g, length)
  hl <- sum((O - E)^2 / (E * (1 - E / ng)))
  obj(intercept = num(coef(citl)[1]), interceptSe = num(sqrt(vcov(citl)[1, 1])),
      slope = num(coef(sl)[2]), slopeSe = num(sqrt(vcov(sl)[2, 2])),
      brier = num(mean((p - y)^2)), hl = num(hl), hlP = num(pchisq(hl, length(O) - 2, lower.tail = FALSE)),
      deciles = vec(as.numeric(O)))
}

capture <- function(y, p, q) {
  o <- order(-p)
  k <- q * length(p) # whole numbers here
  sum(y[o][seq_len(k)]) / sum(y)
}

psi_num <- function(e, a) {
  b <- unique(quantile(e, probs = seq(0.1, 0.9, 0.1), type = 7, names = FALSE))
  cut_e <- findInterval(e, b, left.open = TRUE)
  cut_a <- findInterval(a, b, left.open = TRUE)
  lv <- 0:length(b)
  ce <- pmax(tabulate(factor(cut_e, levels = lv)), 0.5) / length(e)
  ca <- pmax(tabulate(factor(cut_a, levels = lv)), 0.5) / length(a)
  sum((ca - ce) * log(ca / ce))
}

json <- paste0("{\n",
  '"small": {"scores": ', vec(small_s), ', "y": ', vec(small_y), ', "auc": ', auc_json(small_y, small_s), "},\n",
  '"glm2023": {"terms": [', paste0('"', rownames(co), '"', collapse = ", "), '], "estimate": ', vec(co[, 1]),
  ', "se": ', vec(co[, 2]), ', "deviance": ', num(deviance(fit)), ', "nullDeviance": ', num(fit$null.deviance),
  ', "aic": ', num(AIC(fit)), "},\n",
  '"auc2023": ', auc_json(d23$bijstand, p23), ",\n",
  '"auc2024": ', auc_json(d24$bijstand, p24), ",\n",
  '"aucTest": ', obj(statistic = num(test$statistic), p = num(test$p.value)), ",\n",
  '"calibration2023": ', calib(d23$bijstand, p23), ",\n",
  '"calibration2024": ', calib(d24$bijstand, p24), ",\n",
  '"capture": ', obj(c10_2023 = num(capture(d23$bijstand, p23, 0.1)), c20_2023 = num(capture(d23$bijstand, p23, 0.2)),
    c10_2024 = num(capture(d24$bijstand, p24, 0.1)), c20_2024 = num(capture(d24$bijstand, p24, 0.2))), ",\n",
  '"psi": ', obj(score = num(psi_num(p23, p24)), age = num(psi_num(d23$age_at_ww_start, d24$age_at_ww_start)),
    benefit = num(psi_num(d23$ww_benefit, d24$ww_benefit))), ",\n",
  '"meanFitted2023": ', num(mean(p23)), ",\n",
  '"p90_2023": ', num(sort(p23, decreasing = TRUE)[ceiling(0.1 * length(p23))]), "\n",
  "}\n")
writeLines(json, "tests/reference/scan.json", sep = "")
cat("wrote tests/reference/scan.json\n")
