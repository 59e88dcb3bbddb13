# Reference values for Welch's one-way ANOVA of src/assign/balance-tests.ts (welchTest on the
# groups, welchAnova on their summaries; tests/assign/welch-anova.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/welch-anova.R
# It writes tests/reference/welch-anova.json at 17 significant digits. The tests read only the JSON.
# Needs: stats (oneway.test with var.equal = FALSE).

groups <- list(
  c(3.1, 4.7, 2.2, 5.9, 4.4, 3.8, 6.1),
  c(5.2, 6.8, 7.1, 4.9, 6.3, 8.0, 5.5, 6.6),
  c(2.9, 3.3, 4.1, 2.5, 3.0, 3.7)
)
x <- unlist(groups)
g <- factor(rep(seq_along(groups), lengths(groups)))
w <- oneway.test(x ~ g, var.equal = FALSE)
num <- function(v) sprintf("%.17g", v)
json <- paste0(
  "{\"groups\":[", paste0("[", vapply(groups, function(v) paste(num(v), collapse = ","), ""), "]", collapse = ","), "],",
  "\"statistic\":", num(unname(w$statistic)), ",",
  "\"df\":[", num(unname(w$parameter[1])), ",", num(unname(w$parameter[2])), "],",
  "\"pValue\":", num(w$p.value), "}\n"
)
writeLines(json, "tests/reference/welch-anova.json", sep = "")
