#!/usr/bin/env Rscript
# Reference values for DiaBan's spatial statistics, computed with R spdep (Debian r-cran-spdep 1.2.7, sf, spData).
# Regenerate from the repository root (writes only into tests/reference/):
#   Rscript tests/reference/spdep_reference.R /work/shared/data/vn
# The argument (or env DIABAN_VN_DATA) is the absolute path of the shared Vietnamese boundary folder; default:
# ../shared/data/vn beside the repository root. The Vietnamese layer is read there and never copied; columbus and
# sids (spData, CC0) are exported as GeoJSON here so C# reads exactly the coordinates R used.
suppressMessages({
  library(sf)
  library(spdep)
  library(jsonlite)
})

file_arg <- grep("^--file=", commandArgs(FALSE), value = TRUE)
out_dir <- normalizePath(dirname(sub("^--file=", "", file_arg[1])))
args <- commandArgs(trailingOnly = TRUE)
vn_dir <- if (length(args) >= 1) args[1] else Sys.getenv("DIABAN_VN_DATA", file.path(out_dir, "..", "..", "..", "shared", "data", "vn"))
vn_dir <- normalizePath(vn_dir, mustWork = TRUE)
cat("writing to", out_dir, "; VN data from", vn_dir, "\n")

sc <- function(x) jsonlite::unbox(x)
nb0 <- function(nb) lapply(nb, function(v) if (length(v) == 1L && v[1] == 0L) integer(0) else as.integer(v) - 1L)
put <- function(obj, name) {
  # digits = NA: 15 significant digits, the most jsonlite writes (relative error ≤ 5e-16)
  jsonlite::write_json(obj, file.path(out_dir, name), digits = NA, na = "null", pretty = FALSE)
  cat("wrote", name, "\n")
}
lw_of <- function(nb, style, self = FALSE) {
  if (self) nb <- include.self(nb)
  nb2listw(nb, style = style, zero.policy = TRUE)
}

# adjust.n = FALSE: islands (zero.policy) stay in n, our IslandPolicy.ZeroLag; no effect without islands
moran_ref <- function(x, lw, adjust.n = FALSE) {
  r <- moran.test(x, lw, randomisation = TRUE, zero.policy = TRUE, adjust.n = adjust.n)
  nn <- moran.test(x, lw, randomisation = FALSE, zero.policy = TRUE, adjust.n = adjust.n)
  list(I = sc(unname(r$estimate[1])), expected = sc(unname(r$estimate[2])),
       var_randomisation = sc(unname(r$estimate[3])), z_randomisation = sc(unname(r$statistic)),
       var_normality = sc(unname(nn$estimate[3])), z_normality = sc(unname(nn$statistic)),
       p_two_sided_randomisation = sc(2 * pnorm(-abs(unname(r$statistic)))),
       p_two_sided_normality = sc(2 * pnorm(-abs(unname(nn$statistic)))),
       p_greater_randomisation = sc(unname(r$p.value)))
}

local_moran_ref <- function(x, lw) {
  tot <- localmoran(x, lw, conditional = FALSE, mlvar = TRUE, zero.policy = TRUE)
  con <- localmoran(x, lw, conditional = TRUE, mlvar = TRUE, zero.policy = TRUE)
  list(Ii = unname(tot[, 1]),
       E_total = unname(tot[, 2]), Var_total = unname(tot[, 3]), Z_total = unname(tot[, 4]), P_total = unname(tot[, 5]),
       E_cond = unname(con[, 2]), Var_cond = unname(con[, 3]), Z_cond = unname(con[, 4]), P_cond = unname(con[, 5]),
       quadrant = as.character(attr(con, "quadr")$pysal))
}

local_g_ref <- function(x, nb, style) {
  gi <- localG(x, lw_of(nb, style), zero.policy = TRUE, return_internals = TRUE)
  gs <- localG(x, lw_of(nb, style, self = TRUE), zero.policy = TRUE, return_internals = TRUE)
  gi_int <- attr(gi, "internals")
  gs_int <- attr(gs, "internals")
  list(gi_z = as.numeric(gi), gi_G = unname(gi_int[, 1]), gi_EG = unname(gi_int[, 2]), gi_VG = unname(gi_int[, 3]), gi_p = unname(gi_int[, 5]),
       gistar_z = as.numeric(gs), gistar_G = unname(gs_int[, 1]), gistar_EG = unname(gs_int[, 2]), gistar_VG = unname(gs_int[, 3]), gistar_p = unname(gs_int[, 5]))
}

# Export a layer as GeoJSON and read it back, so R and C# use identical coordinates (planar: no CRS).
export_layer <- function(layer, fields, name) {
  path <- file.path(out_dir, paste0(name, ".geojson"))
  if (file.exists(path)) file.remove(path)
  st_write(layer[, fields], path, driver = "GeoJSON", quiet = TRUE, layer_options = c("COORDINATE_PRECISION=15", "WRITE_BBOX=NO"))
  back <- st_read(path, quiet = TRUE)
  st_crs(back) <- NA
  back
}

contiguity <- function(layer) {
  list(queen = poly2nb(layer, queen = TRUE), rook = poly2nb(layer, queen = FALSE))
}

# ---------------------------------------------------------------- columbus (Anselin 1988), planar coordinates
columbus <- export_layer(st_read(system.file("shapes/columbus.shp", package = "spData"), quiet = TRUE),
                         c("POLYID", "CRIME", "INC", "HOVAL"), "columbus")
nbs <- contiguity(columbus)
x <- columbus$CRIME
cent <- st_coordinates(st_centroid(st_geometry(columbus)))
knn4 <- knn2nb(knearneigh(cent, k = 4))
band_d <- 0.5  # leaves 4 islands, for the island policies
band <- dnearneigh(cent, 0, band_d)
band_islands <- which(card(band) == 0L)
keep <- card(band) > 0L
band_sub <- subset.nb(band, keep)
gal_path <- file.path(out_dir, "columbus_queen.gal")
write.nb.gal(nbs$queen, gal_path, oldstyle = FALSE, shpfile = "columbus", ind = "POLYID")

# A small space-time cube on columbus for the space-time Gi*: 12 steps of Poisson counts with a cluster that grows.
set.seed(20250701)
steps <- 12L
n <- nrow(columbus)
grow <- as.numeric(cent[, 1] > 9 & cent[, 2] > 13)
cube <- sapply(seq_len(steps), function(t) rpois(n, lambda = 3 + grow * 0.6 * t))  # n x steps
st_nb <- function(nb, n, steps, k) {
  out <- vector("list", n * steps)
  for (t in seq_len(steps)) for (i in seq_len(n)) {
    js <- c(i, nb[[i]][nb[[i]] > 0L])
    ss <- max(1L, t - k):t
    ids <- as.vector(outer(js, (ss - 1L) * n, "+"))
    ids <- sort(setdiff(ids, (t - 1L) * n + i))
    out[[(t - 1L) * n + i]] <- if (length(ids)) as.integer(ids) else 0L
  }
  class(out) <- "nb"
  attr(out, "region.id") <- as.character(seq_len(n * steps))
  out
}
ehsa_k <- 1L
stnb <- st_nb(nbs$queen, n, steps, ehsa_k)
xs <- as.vector(cube)  # time-major: bin (i, t) at (t-1)*n + i
gz_entire <- as.numeric(localG(xs, nb2listw(include.self(stnb), style = "B")))
# Hand formula for the other global windows (ANALYTICS.md §3 with the window's mean, SD and count).
gstar_window <- function(i, t, lo, hi) {
  js <- c(i, nbs$queen[[i]][nbs$queen[[i]] > 0L])
  ss <- max(1L, t - ehsa_k):t
  local <- sum(cube[js, ss])
  W <- length(js) * length(ss)
  win <- as.vector(cube[, lo:hi])
  N <- length(win); m <- mean(win); S <- sqrt(sum((win - m)^2) / N)
  (local - m * W) / (S * sqrt((N * W - W^2) / (N - 1)))
}
gz_individual <- unlist(lapply(seq_len(steps), function(t) sapply(seq_len(n), function(i) gstar_window(i, t, t, t))))
gz_neighbourhood <- unlist(lapply(seq_len(steps), function(t) sapply(seq_len(n), function(i) gstar_window(i, t, max(1L, t - ehsa_k), t))))
p_entire <- 2 * pnorm(-abs(gz_entire))
mk <- lapply(seq_len(n), function(i) {
  zs <- gz_entire[(seq_len(steps) - 1L) * n + i]
  ct <- suppressWarnings(cor.test(seq_len(steps), zs, method = "kendall", exact = FALSE, continuity = TRUE))
  c(z = unname(ct$statistic), p = ct$p.value, tau = unname(ct$estimate))
})
mk <- do.call(rbind, mk)

put(list(
  layer = sc("columbus"), n = sc(n), snap = sc(sqrt(.Machine$double.eps)),
  queen = nb0(nbs$queen), rook = nb0(nbs$rook),
  centroids = unname(cent), knn_k = sc(4L), knn = nb0(knn4),
  band_threshold = sc(band_d), band = nb0(band), band_islands = as.integer(band_islands) - 1L,
  values = x,
  moran_queen_W = moran_ref(x, lw_of(nbs$queen, "W")),
  moran_queen_B = moran_ref(x, lw_of(nbs$queen, "B")),
  moran_rook_W = moran_ref(x, lw_of(nbs$rook, "W")),
  moran_knn_W = moran_ref(x, lw_of(knn4, "W")),
  moran_band_zero_lag_W = moran_ref(x, lw_of(band, "W"), adjust.n = FALSE),
  moran_band_exclude_W = moran_ref(x[keep], lw_of(band_sub, "W")),
  local_moran_queen_W = local_moran_ref(x, lw_of(nbs$queen, "W")),
  local_moran_queen_B = local_moran_ref(x, lw_of(nbs$queen, "B")),
  local_moran_band_zero_lag_W = local_moran_ref(x, lw_of(band, "W")),
  local_g_queen_B = local_g_ref(x, nbs$queen, "B"),
  local_g_queen_W = local_g_ref(x, nbs$queen, "W"),
  ehsa = list(steps = sc(steps), k = sc(ehsa_k), cube = unname(cube),
              gistar_entire = gz_entire, gistar_individual = gz_individual, gistar_neighbourhood = gz_neighbourhood,
              p_entire = p_entire, p_bh_entire = p.adjust(p_entire, method = "BH"),
              trend_z = unname(mk[, "z"]), trend_p = unname(mk[, "p"]), trend_tau = unname(mk[, "tau"]))
), "columbus.json")

# ---------------------------------------------------------------- sids (North Carolina SIDS 1974-78), planar coordinates
sids <- export_layer(st_read(system.file("shapes/sids.shp", package = "spData"), quiet = TRUE),
                     c("NAME", "FIPSNO", "BIR74", "SID74", "NWBIR74"), "sids")
nbs <- contiguity(sids)
rate <- 1000 * sids$SID74 / sids$BIR74
eb_mc <- suppressMessages(EBImoran.mc(sids$SID74, sids$BIR74, lw_of(nbs$queen, "W"), nsim = 99))
ebest <- EBest(sids$SID74, sids$BIR74)
eblocal <- EBlocal(sids$SID74, sids$BIR74, nbs$queen, geoda = TRUE)
put(list(
  layer = sc("sids"), n = sc(nrow(sids)),
  queen = nb0(nbs$queen), rook = nb0(nbs$rook),
  events = sids$SID74, population = sids$BIR74, values = rate,
  moran_queen_W = moran_ref(rate, lw_of(nbs$queen, "W")),
  moran_rook_B = moran_ref(rate, lw_of(nbs$rook, "B")),
  local_moran_queen_W = local_moran_ref(rate, lw_of(nbs$queen, "W")),
  local_g_queen_B = local_g_ref(rate, nbs$queen, "B"),
  eb = list(z = unname(eb_mc$z), moran_I = sc(unname(eb_mc$statistic)),
            alpha = sc(attr(ebest, "parameters")$a), beta = sc(attr(ebest, "parameters")$b),
            global_smoothed = ebest$estmm, local_smoothed = eblocal$est),
  fdr_gistar_p_bh = p.adjust(attr(localG(rate, lw_of(nbs$queen, "B", self = TRUE), return_internals = TRUE), "internals")[, 5], method = "BH")
), "sids.json")

# ---------------------------------------------------------------- old Cà Mau, 101 communes (lon/lat WGS 84; s2 as sf uses by default)
ca_mau <- st_read(file.path(vn_dir, "communes_pre2025_ca_mau.geojson"), quiet = TRUE)
nbs <- contiguity(ca_mau)
bb <- st_bbox(ca_mau)
proj <- sprintf("+proj=tmerc +lat_0=%.17g +lon_0=%.17g +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs",
                (bb[["ymin"]] + bb[["ymax"]]) / 2, (bb[["xmin"]] + bb[["xmax"]]) / 2)
projected <- st_transform(ca_mau, proj)
cent <- st_coordinates(st_centroid(st_geometry(projected)))
knn6 <- knn2nb(knearneigh(cent, k = 6))
band_m <- 5000
band <- dnearneigh(cent, 0, band_m)
# vertices of a few communes and their projected coordinates (PROJ tmerc), for the projection test
sample_ll <- do.call(rbind, lapply(c(1, 30, 60, 101), function(i) st_coordinates(st_geometry(ca_mau)[i])[1:5, 1:2]))
sample_xy <- st_coordinates(st_transform(st_sfc(st_multipoint(sample_ll), crs = 4326), proj))[, 1:2]
pop <- ca_mau$population
lat <- st_coordinates(st_centroid(st_geometry(projected)))[, 2]
cases <- round(pop * (0.5 + 1.5 * (lat - min(lat)) / (max(lat) - min(lat))) / 1000)
eb_mc <- suppressMessages(EBImoran.mc(cases, pop, lw_of(nbs$queen, "W"), nsim = 99))
ebest <- EBest(cases, pop)
put(list(
  layer = sc("ca_mau"), n = sc(nrow(ca_mau)), commune_id = ca_mau$commune_id,
  queen = nb0(nbs$queen), rook = nb0(nbs$rook),
  projection = sc(proj), lon_0 = sc((bb[["xmin"]] + bb[["xmax"]]) / 2), lat_0 = sc((bb[["ymin"]] + bb[["ymax"]]) / 2),
  sample_lonlat = unname(sample_ll), sample_projected = unname(sample_xy),
  centroids = unname(cent), knn_k = sc(6L), knn = nb0(knn6), band_threshold = sc(band_m), band = nb0(band),
  values = pop, events = cases, population = pop,
  moran_queen_W = moran_ref(pop, lw_of(nbs$queen, "W")),
  moran_rook_W = moran_ref(pop, lw_of(nbs$rook, "W")),
  moran_knn_W = moran_ref(pop, lw_of(knn6, "W")),
  local_moran_queen_W = local_moran_ref(pop, lw_of(nbs$queen, "W")),
  local_g_queen_B = local_g_ref(pop, nbs$queen, "B"),
  eb = list(z = unname(eb_mc$z), moran_I = sc(unname(eb_mc$statistic)),
            alpha = sc(attr(ebest, "parameters")$a), beta = sc(attr(ebest, "parameters")$b),
            global_smoothed = ebest$estmm)
), "ca_mau.json")

# ---------------------------------------------------------------- fixed series: BH FDR and Mann-Kendall
p_fixed <- c(0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000, 0.0201, 0.0459)
mk_series <- list(
  rising = c(1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11),
  ties = c(2, 2, 3, 3, 3, 1, 4, 4, 5, 5, 5, 5, 2, 6),
  falling = c(10.5, 9.2, 9.9, 8.1, 7.7, 7.9, 6.0, 5.2, 5.5, 4.1),
  flat_noise = c(0.3, -1.2, 0.8, 0.1, -0.4, 1.1, -0.9, 0.2, 0.0, -0.3, 0.6),
  quarterly = c(12, 15, 11, 14, 18, 17, 21, 19, 25, 22, 28, 26, 30, 29, 33, 35, 31, 38, 36, 40, 39, 44, 41, 47, 45, 49, 52, 50)
)
mk_ref <- lapply(mk_series, function(y) {
  ct <- suppressWarnings(cor.test(seq_along(y), y, method = "kendall", exact = FALSE, continuity = TRUE))
  list(series = y, z = sc(unname(ct$statistic)), p = sc(ct$p.value), tau_b = sc(unname(ct$estimate)))
})
z_grid <- c(-9, -5.5, -3.1, -1.96, -1, -0.3, 0, 1e-8, 0.25, 0.5, 1, 1.2247, 1.6449, 2.5758, 3.5, 6, 8.3, 12, 30)
put(list(p = p_fixed, p_bh = p.adjust(p_fixed, method = "BH"), mann_kendall = mk_ref,
         normal = list(z = z_grid, upper = pnorm(z_grid, lower.tail = FALSE), cdf = pnorm(z_grid))), "series.json")
