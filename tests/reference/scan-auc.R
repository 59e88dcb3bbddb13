# Reference results for the DeLong comparisons of src/scan/auc.ts and src/scan/auc-test.ts
# (tests/scan/auc-test.test.ts): paired and unpaired roc.test, and pROC's direction.
#
# Re-run from the repository root with:
#   Rscript tests/reference/scan-auc.R
# It writes tests/reference/scan-auc.json at 17 significant digits; the tests read only the JSON.
# Needs: pROC (roc, roc.test with method = "delong"), stats (glm).
# Inputs: small hand cases with ties (below) and data/scan-population-2023.csv / -2024.csv.
suppressPackageStartupMessages(library(pROC))

num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s": %s', names(kv), unlist(kv)), collapse = ", "), "}")
}
roc_of <- function(y, s, direction = "<") roc(y, s, levels = c(0, 1), direction = direction, quiet = TRUE)
test_json <- function(t) {
  df <- if (is.null(t$parameter)) "null" else num(t$parameter)
  obj(statistic = num(t$statistic), df = df, p = num(t$p.value), auc1 = num(t$estimate[1]),
      auc2 = num(t$estimate[2]))
}

# --- paired: two scores on the same 16 clients, with ties ---------------------------------
y  <- c(1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0)
s1 <- c(0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.55, 0.5, 0.4, 0.35, 0.3, 0.2, 0.2, 0.15, 0.1, 0.05)
s2 <- c(0.7, 0.9, 0.6, 0.8, 0.3, 0.6, 0.2, 0.4, 0.5, 0.6, 0.1, 0.3, 0.45, 0.2, 0.25, 0.05)
paired <- roc.test(roc_of(y, s1), roc_of(y, s2), method = "delong", paired = TRUE)
same_unpaired <- roc.test(roc_of(y, s1), roc_of(y, s2), method = "delong", paired = FALSE)

# --- unpaired: two independent samples of different sizes ----------------------------------
ya <- c(1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0)
sa <- c(0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.6, 0.4, 0.3, 0.2, 0.2, 0.1)
yb <- c(0, 1, 0, 1, 0, 0, 0, 1, 0)
sb <- c(0.9, 0.85, 0.7, 0.6, 0.5, 0.45, 0.3, 0.2, 0.1)
unpaired <- roc.test(roc_of(ya, sa), roc_of(yb, sb), method = "delong", paired = FALSE)

# --- direction: a reversed score ------------------------------------------------------------
rev_s <- 1 - sa
auto <- roc(ya, rev_s, levels = c(0, 1), direction = "auto", quiet = TRUE)
less <- roc_of(ya, rev_s, "<")
greater <- roc_of(ya, rev_s, ">")
dir_json <- obj(auto = num(as.numeric(auc(auto))), autoDirection = paste0('"', auto$direction, '"'),
  autoVariance = num(var(auto, method = "delong")), less = num(as.numeric(auc(less))),
  greater = num(as.numeric(auc(greater))))

# --- the scan: 2023 model on 2024 against a refit on 2024 (paired, same clients) -------------
d23 <- read.csv("data/scan-population-2023.csv", stringsAsFactors = FALSE)
d24 <- read.csv("data/scan-population-2024.csv", stringsAsFactors = FALSE)
clevels <- function(x) sort(unique(x), method = "radix")
for (f in c("household", "municipality")) {
  lv <- clevels(d23[[f]])
  d23[[f]] <- factor(d23[[f]], levels = lv)
  d24[[f]] <- factor(d24[[f]], levels = lv)
}
form <- bijstand ~ prior_bijstand + ww_entitlement_months + ww_months_left + ww_benefit +
  other_income + ww_supplement + age_at_ww_start + household + municipality
old <- predict(glm(form, family = binomial, data = d23), newdata = d24, type = "response")
refit <- fitted(glm(form, family = binomial, data = d24))
scan_paired <- roc.test(roc_of(d24$bijstand, refit), roc_of(d24$bijstand, old), method = "delong", paired = TRUE)

json <- paste0("{\n",
  '"paired": {"y": ', vec(y), ', "s1": ', vec(s1), ', "s2": ', vec(s2), ', "test": ', test_json(paired),
  ', "unpairedSameClients": ', test_json(same_unpaired), "},\n",
  '"unpaired": {"ya": ', vec(ya), ', "sa": ', vec(sa), ', "yb": ', vec(yb), ', "sb": ', vec(sb),
  ', "test": ', test_json(unpaired), "},\n",
  '"direction": ', dir_json, ",\n",
  '"scanRefitVsPrevious2024": ', test_json(scan_paired), "\n",
  "}\n")
writeLines(json, "tests/reference/scan-auc.json", sep = "")
cat("wrote tests/reference/scan-auc.json\n")
