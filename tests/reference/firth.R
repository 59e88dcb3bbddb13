# Reference results for Firth's penalised logistic regression (src/estimate/firth.ts) and the
# scan's separation fallback (src/scan/model.ts): tests/estimate/firth.test.ts, tests/scan/separation.test.ts.
#
# logistf is not installed here, so Firth's fit is written out below (Firth 1993; Heinze &
# Schemper 2002, as logistf): Newton on the modified score
#   U*(b) = X'(y - mu + h (1/2 - mu)),  h = diag(W^1/2 X (X'WX)^-1 X' W^1/2),
# step d = (X'WX)^-1 U*, at most 5 in any coordinate, halved while the penalised log-likelihood
#   l*(b) = sum(y log mu + (1 - y) log(1 - mu)) + 1/2 log det(X'WX)
# decreases; converged when max |step| < 1e-10. SEs: sqrt(diag((X'WX)^-1)) at the solution
# (logistf's Wald SEs; logistf's default intervals are profile-penalised-likelihood ones).
#
# Re-run from the repository root with:
#   Rscript tests/reference/firth.R
# It writes tests/reference/firth.json at 17 significant digits; the tests read only the JSON.
# Inputs: a small completely separated case (below) and the first 6,000 rows of
# data/scan-population-2023.csv, where Enschede and Zwolle have no cases.

num <- function(x) sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(num(x), collapse = ", "), "]")

firth <- function(X, y, maxit = 200, tol = 1e-10) {
  pl <- function(b) {
    mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
    sum(y * log(mu) + (1 - y) * log(1 - mu)) +
      0.5 * as.numeric(determinant(crossprod(X, X * w))$modulus)
  }
  b <- rep(0, ncol(X))
  for (it in seq_len(maxit)) {
    mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
    Ii <- solve(crossprod(X, X * w))
    h <- w * rowSums((X %*% Ii) * X)
    d <- drop(Ii %*% crossprod(X, y - mu + h * (0.5 - mu)))
    mx <- max(abs(d)); if (mx > 5) d <- d * 5 / mx
    l0 <- pl(b); s <- 1
    for (hs in 1:30) { if (pl(b + s * d) >= l0 - 1e-12) break; s <- s / 2 }
    b <- b + s * d
    if (max(abs(s * d)) < tol) break
  }
  mu <- plogis(drop(X %*% b)); w <- mu * (1 - mu)
  V <- solve(crossprod(X, X * w))
  list(coef = b, se = sqrt(diag(V)), iterations = it, loglik = sum(y * log(mu) + (1 - y) * log(1 - mu)),
       penalized = pl(b))
}

# --- a small completely separated case ------------------------------------------------------
sx <- c(1, 2, 3, 4, 5, 6, 7, 8)
sy <- c(0, 0, 0, 0, 1, 1, 1, 1)
small <- firth(cbind(1, sx), sy)

# --- the scan on 6,000 clients with two municipalities without cases ------------------------
d <- read.csv("data/scan-population-2023.csv", stringsAsFactors = FALSE)[1:6000, ]
for (f in c("household", "municipality")) d[[f]] <- factor(d[[f]], levels = sort(unique(d[[f]]), method = "radix"))
form <- bijstand ~ prior_bijstand + ww_entitlement_months + ww_months_left + ww_benefit +
  other_income + ww_supplement + age_at_ww_start + household + municipality
X <- model.matrix(form, d)
ml <- suppressWarnings(glm(form, family = binomial, data = d))
scan <- firth(X, d$bijstand)
# pooling: the municipalities without cases scored as the reference level (their dummies dropped)
pooled_X <- X[, !(colnames(X) %in% c("municipalityEnschede", "municipalityZwolle"))]
pooled <- glm.fit(pooled_X, d$bijstand, family = binomial())

json <- paste0("{\n",
  '"small": {"x": ', vec(sx), ', "y": ', vec(sy), ', "coef": ', vec(small$coef), ', "se": ', vec(small$se),
  ', "loglik": ', num(small$loglik), ', "penalized": ', num(small$penalized), "},\n",
  '"scan6000": {"terms": [', paste0('"', colnames(X), '"', collapse = ", "), '], "firth": ', vec(scan$coef),
  ', "firthSe": ', vec(scan$se), ', "penalized": ', num(scan$penalized),
  ', "ml": ', vec(coef(ml)), ', "mlConverged": ', tolower(ml$converged),
  ', "pooledTerms": [', paste0('"', colnames(pooled_X), '"', collapse = ", "), '], "pooled": ', vec(coef(pooled)), "}\n",
  "}\n")
writeLines(json, "tests/reference/firth.json", sep = "")
cat("wrote tests/reference/firth.json\n")
