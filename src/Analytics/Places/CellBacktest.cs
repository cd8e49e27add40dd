using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

/// <summary>Everything the cell backtest reads: the grid, every incident (it hides those at or after each origin), the dated context.</summary>
public sealed record CellBacktestData(
    IReadOnlyList<GridCell> Cells,
    double CellSizeM,
    IReadOnlyList<PlaceEvent> Events,
    Func<DateOnly, PlaceContext> ContextAt);

public sealed record CellBacktestOptions
{
    public ForecastHorizon Horizon { get; init; } = ForecastHorizon.Week;
    /// <summary>Folds before the first test origin on which KDE bandwidths are tried before any test fold has run.</summary>
    public int TuningFolds { get; init; } = 4;
    public IReadOnlyList<double> KdeBandwidths { get; init; } = KdeHotSpotScorer.Candidates;
    public CellModelOptions Model { get; init; } = new() { RetrainDays = 91 };
    public int EtasWindowDays { get; init; } = 730;
}

/// <summary>Area shares of the cell backtest: the patrol scale is a fraction of a percent to a tenth of the area (issue 10).</summary>
public static class CellAreaShares
{
    public static IReadOnlyList<double> Pai { get; } = [0.005, 0.01, 0.02, 0.05, 0.1];
    public static IReadOnlyList<double> PeiStar { get; } = [0.01, 0.05];
}

public sealed record CellBaselineMetrics(
    [property: JsonPropertyName("last_period")] MethodMetrics LastPeriod,
    [property: JsonPropertyName("kde")] MethodMetrics Kde,
    [property: JsonPropertyName("etas")] MethodMetrics Etas);

/// <summary>
/// The cell backtest as JSON: {"model": M, "baselines": {"last_period": M, "kde": M, "etas": M}, …} with M the commune
/// backtest's <see cref="MethodMetrics"/> (auc, brier, pai, pei_star, hit_rate); pai and hit_rate at "0.005"…"0.1",
/// pei_star at "0.01" and "0.05". AUC and Brier pool every cell of every fold (label: ≥ 1 incident; P = 1 − e^{−mean}).
/// </summary>
public sealed record CellBacktestReport(
    [property: JsonPropertyName("model")] MethodMetrics Model,
    [property: JsonPropertyName("baselines")] CellBaselineMetrics Baselines,
    [property: JsonPropertyName("grid_m")] double GridM,
    [property: JsonPropertyName("horizon")] string Horizon,
    [property: JsonPropertyName("folds")] int Folds,
    [property: JsonPropertyName("cells")] int Cells,
    [property: JsonPropertyName("test_incidents")] int TestIncidents,
    [property: JsonPropertyName("kde_bandwidth_m")] IReadOnlyList<double> KdeBandwidthM)
{
    public string ToJson(bool indented = false) => JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = indented });
}

/// <summary>One fold: the origin, the incidents that followed, and each method's area scores by share.</summary>
public sealed record CellFold(DateOnly Origin, int Incidents, double KdeBandwidthM, IReadOnlyDictionary<string, IReadOnlyDictionary<double, AreaScore>> ByMethod);

public sealed record CellBacktestRun(CellBacktestReport Report, IReadOnlyList<CellFold> Folds, IReadOnlyList<EtasParameters> Etas);

/// <summary>
/// Rolling-origin backtest at cell level: for each origin the model and the three baselines (last period, KDE,
/// ETAS) see only incidents before it and forecast the horizon that starts there; all are scored on the same cells
/// with <see cref="ForecastMetrics"/> (area = cell area × its share inside the communes). The KDE bandwidth of a fold
/// is the candidate with the best mean PAI at 1 % and 5 % over the folds before it (tuning folds first), so the
/// choice never sees the fold it is used on.
/// </summary>
public static class CellBacktest
{
    public const string Model = "cell_model", LastPeriod = "last_period", Kde = "kde", Etas = "etas";

    /// <summary>Origins from <paramref name="first"/> stepping one horizon while the horizon ends on or before <paramref name="endExclusive"/>.</summary>
    public static IReadOnlyList<DateOnly> Origins(DateOnly first, DateOnly endExclusive, ForecastHorizon horizon)
    {
        var list = new List<DateOnly>();
        for (var o = first; horizon.EndExclusive(o) <= endExclusive; o = horizon.EndExclusive(o)) list.Add(o);
        return list;
    }

    public static CellBacktestRun Run(CellBacktestData data, IReadOnlyList<DateOnly> origins, CellBacktestOptions? options = null,
        IProgress<string>? progress = null)
    {
        var o = options ?? new CellBacktestOptions();
        if (origins.Count == 0) throw new ArgumentException("The backtest needs at least one origin.");
        var sorted = data.Events.OrderBy(e => e.Date).ToArray();
        var raster = new CellRaster(data.Cells, data.CellSizeM);
        var area = data.Cells.Select(c => data.CellSizeM * data.CellSizeM * c.AreaShare).ToArray();
        var model = new CellModelScorer(o.Model);
        var last = new LastPeriodScorer();
        var etas = new EtasScorer(o.EtasWindowDays);

        // KDE tuning: PAI (mean of 1 % and 5 %) of every candidate on every fold, tuning folds first
        var tuning = new List<DateOnly>();
        var t0 = origins[0];
        for (int k = 0; k < o.TuningFolds; k++)
        {
            t0 = o.Horizon == ForecastHorizon.Week ? t0.AddDays(-7) : t0.AddMonths(-1);
            tuning.Insert(0, t0);
        }
        var kdeScore = new List<double[]>();
        foreach (var origin in tuning)
        {
            var input = InputAt(data, sorted, origin, o.Horizon);
            var actual = Actual(sorted, raster, origin, o.Horizon);
            kdeScore.Add(o.KdeBandwidths.Select(h => TuningScore(new KdeHotSpotScorer(h).Score(input), area, actual)).ToArray());
        }

        var folds = new List<CellFold>();
        var etasFits = new List<EtasParameters>();
        var pooled = new Dictionary<string, (List<double> P, List<bool> Y)>
        {
            [Model] = ([], []), [LastPeriod] = ([], []), [Kde] = ([], []), [Etas] = ([], []),
        };
        int testIncidents = 0;
        var bandwidths = new List<double>();
        foreach (var origin in origins)
        {
            var input = InputAt(data, sorted, origin, o.Horizon);
            var actual = Actual(sorted, raster, origin, o.Horizon);
            int best = BestCandidate(kdeScore, o.KdeBandwidths.Count);
            double h = o.KdeBandwidths[best];
            bandwidths.Add(h);
            var forecasts = new Dictionary<string, IReadOnlyList<CellForecast>>
            {
                [Model] = model.Score(input),
                [LastPeriod] = last.Score(input),
                [Etas] = etas.Score(input),
            };
            var candidates = o.KdeBandwidths.Select(b => new KdeHotSpotScorer(b).Score(input)).ToArray();
            forecasts[Kde] = candidates[best];
            kdeScore.Add(candidates.Select(c => TuningScore(c, area, actual)).ToArray());
            if (etas.Last is { } fit) etasFits.Add(fit);

            int n = (int)actual.Sum();
            testIncidents += n;
            var byMethod = new Dictionary<string, IReadOnlyDictionary<double, AreaScore>>();
            foreach (var (name, f) in forecasts)
            {
                var score = f.Select(x => x.Score).ToArray();
                var shares = new Dictionary<double, AreaScore>();
                foreach (var share in CellAreaShares.Pai)
                    if (ForecastMetrics.AtArea(score, area, actual, share) is AreaScore s) shares[share] = s;
                byMethod[name] = shares;
                var (p, y) = pooled[name];
                for (int i = 0; i < score.Length; i++)
                {
                    p.Add(1 - Math.Exp(-score[i]));
                    y.Add(actual[i] > 0);
                }
            }
            folds.Add(new CellFold(origin, n, h, byMethod));
            progress?.Report(FormattableString.Invariant(
                $"{origin:yyyy-MM-dd}: {n} incidents, PAI@1% model {Pai(byMethod[Model], 0.01):0.0} etas {Pai(byMethod[Etas], 0.01):0.0} kde {Pai(byMethod[Kde], 0.01):0.0} last {Pai(byMethod[LastPeriod], 0.01):0.0}"));
        }

        MethodMetrics Metrics(string name) => new(
            ForecastMetrics.Auc(pooled[name].P, pooled[name].Y),
            ForecastMetrics.Brier(pooled[name].P, pooled[name].Y),
            Mean(folds, name, CellAreaShares.Pai, s => s.Pai),
            Mean(folds, name, CellAreaShares.PeiStar, s => s.PeiStar),
            Mean(folds, name, CellAreaShares.Pai, s => s.HitRate));
        var report = new CellBacktestReport(Metrics(Model), new CellBaselineMetrics(Metrics(LastPeriod), Metrics(Kde), Metrics(Etas)),
            data.CellSizeM, o.Horizon == ForecastHorizon.Week ? "week" : "month", folds.Count, data.Cells.Count, testIncidents,
            bandwidths.Distinct().Order().ToArray());
        return new CellBacktestRun(report, folds, etasFits);
    }

    private static double Pai(IReadOnlyDictionary<double, AreaScore> s, double share) => s.TryGetValue(share, out var a) ? a.Pai : double.NaN;

    private static IReadOnlyDictionary<string, double?> Mean(List<CellFold> folds, string method, IReadOnlyList<double> shares, Func<AreaScore, double> pick) =>
        shares.ToDictionary(MethodMetrics.ShareKey, share =>
        {
            var values = folds.Select(f => f.ByMethod[method].TryGetValue(share, out var s) ? pick(s) : (double?)null)
                .Where(v => v is not null).Select(v => v!.Value).ToArray();
            return values.Length == 0 ? (double?)null : values.Average();
        });

    private static CellScoringInput InputAt(CellBacktestData data, PlaceEvent[] sorted, DateOnly origin, ForecastHorizon horizon)
    {
        int end = Array.FindIndex(sorted, e => e.Date >= origin);
        var history = end < 0 ? sorted : sorted[..end];
        return new CellScoringInput(data.Cells, data.CellSizeM, history, origin, horizon) { Context = data.ContextAt(origin), ContextAt = data.ContextAt };
    }

    private static double[] Actual(PlaceEvent[] sorted, CellRaster raster, DateOnly origin, ForecastHorizon horizon)
    {
        var end = horizon.EndExclusive(origin);
        var actual = new double[raster.Count];
        foreach (var e in sorted)
        {
            if (e.Date < origin || e.Date >= end) continue;
            int i = raster.CellOf(e.X, e.Y);
            if (i >= 0) actual[i]++;
        }
        return actual;
    }

    private static double TuningScore(IReadOnlyList<CellForecast> f, double[] area, double[] actual)
    {
        var score = f.Select(x => x.Score).ToArray();
        double sum = 0;
        foreach (var share in (double[])[0.01, 0.05]) sum += ForecastMetrics.AtArea(score, area, actual, share)?.Pai ?? 0;
        return sum / 2;
    }

    private static int BestCandidate(List<double[]> scores, int candidates)
    {
        if (scores.Count == 0) return candidates / 2;
        int best = 0;
        double bestMean = double.NegativeInfinity;
        for (int c = 0; c < candidates; c++)
        {
            double mean = scores.Average(s => s[c]);
            if (mean > bestMean + 1e-12) (best, bestMean) = (c, mean);
        }
        return best;
    }
}
