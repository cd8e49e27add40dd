#!/usr/bin/env Rscript
# Independent Knox table (Knox 1964; bands as in Ratcliffe's Near Repeat Calculator) for DiaBan's KnoxTest, in base R
# only (no packages). Regenerate from the repository root (writes tests/reference/knox_reference.csv):
#   Rscript tests/reference/knox_reference.R [input.csv] [output.csv] [permutations]
# Input: tests/reference/knox_input.csv (x, y in metres; date as YYYY-MM-DD), a fixed small clustered point set.
# Bands: distance [0,100], (100,200], (200,400], (400,800] m; time [0,7], (7,14], (14,30], (30,60] days.
# Observed O_ij = pairs in distance band i and time band j; expected E_ij = S_i * T_j / P (S_i pairs in distance band i,
# T_j pairs in time band j, P = n(n-1)/2); p = (1 + #{O_sim >= O}) / (R + 1) over R permutations of the dates.
args <- commandArgs(trailingOnly = TRUE)
input <- if (length(args) >= 1) args[1] else "tests/reference/knox_input.csv"
output <- if (length(args) >= 2) args[2] else "tests/reference/knox_reference.csv"
R <- if (length(args) >= 3) as.integer(args[3]) else 9999L

ev <- read.csv(input, stringsAsFactors = FALSE)
day <- as.numeric(as.Date(ev$date))
dist_limits <- c(100, 200, 400, 800)
time_limits <- c(7, 14, 30, 60)
n <- nrow(ev)
P <- n * (n - 1) / 2

# band index of each value: the first upper limit not exceeded (limits inclusive), NA beyond the last
band <- function(v, limits) {
  b <- findInterval(v, limits, left.open = TRUE) + 1
  b[b > length(limits)] <- NA
  b
}
d <- as.matrix(dist(cbind(ev$x, ev$y)))
pair <- which(upper.tri(d), arr.ind = TRUE)
dband <- band(d[pair], dist_limits)
S <- tabulate(dband[!is.na(dband)], length(dist_limits))

knox_counts <- function(days) {
  tb <- band(abs(days[pair[, 1]] - days[pair[, 2]]), time_limits)
  ok <- !is.na(dband) & !is.na(tb)
  tabulate((dband[ok] - 1) * length(time_limits) + tb[ok], length(dist_limits) * length(time_limits))
}
tband_all <- band(abs(day[pair[, 1]] - day[pair[, 2]]), time_limits)
Tj <- tabulate(tband_all[!is.na(tband_all)], length(time_limits))

observed <- knox_counts(day)
set.seed(1)
ge <- numeric(length(observed))
for (r in seq_len(R)) ge <- ge + (knox_counts(sample(day)) >= observed)

grid <- expand.grid(time_band = seq_along(time_limits), distance_band = seq_along(dist_limits))
expected <- S[grid$distance_band] * Tj[grid$time_band] / P
out <- data.frame(
  distance_band = grid$distance_band - 1, time_band = grid$time_band - 1,
  distance_upper_m = dist_limits[grid$distance_band], time_upper_days = time_limits[grid$time_band],
  observed = observed, expected = sprintf("%.12g", expected),
  knox_ratio = sprintf("%.12g", ifelse(expected > 0, observed / expected, NA)),
  p = sprintf("%.6f", (1 + ge) / (R + 1)), permutations = R)
write.csv(out, output, row.names = FALSE, quote = FALSE)
cat("wrote", output, "(", n, "events,", P, "pairs,", R, "permutations )\n")
