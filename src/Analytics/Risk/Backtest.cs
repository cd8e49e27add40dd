using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>Per-fold accuracy of one method (the report's numbers are pooled / averaged from these).</summary>
public sealed record FoldMetrics(double? Auc, double? Brier, IReadOnlyDictionary<string, AreaScore?> ByShare);

/// <summary>One rolling origin: trained on label quarters ≤ origin, tested on origin + 1.</summary>
public sealed record BacktestFold(int Origin, FoldMetrics Model, FoldMetrics LastQuarter, FoldMetrics Mean4Q, FoldMetrics Kde);

public sealed record BacktestRun(BacktestReport Report, IReadOnlyList<BacktestFold> Folds, double KdeBandwidthM);

/// <summary>
/// Rolling-origin evaluation without look-ahead: at each origin o the model is trained only on rows whose label
/// quarter is ≤ o (features of a row at t read quarters ≤ t) and forecasts o+1; the baselines see the same data.
/// Every method is scored against the same outcome: the model's count label (offences in o+1, patrol-adjusted when
/// guarded) and its binary label. Baselines read the same series as known at o: last quarter's count, the 4-quarter
/// mean, and a quartic KDE of the last <see cref="BacktestOptions.KdeQuarters"/> quarters' offence points (each
/// weighted like its quarter's count) at each centroid × area ÷ quarters.
/// Baseline probabilities are P(N ≥ 1) = 1 − e^(−μ) under a Poisson count with their mean μ. Area-based measures
/// rank every method by expected count per km² (see <see cref="ForecastMetrics"/>).
/// </summary>
public static class Backtest
{
    public static BacktestRun Run(UnitQuarterPanel panel, IReadOnlyList<IncidentPoint> points,
        IReadOnlyList<(double X, double Y)> centroids, BacktestOptions? options = null)
    {
        options ??= new BacktestOptions();
        var features = new RiskFeatureAssembler(panel, options.Model.Guard);
        int n = panel.UnitCount;
        if (centroids.Count != n) throw new ArgumentException("One centroid per unit is needed.", nameof(centroids));
        int firstRow = RiskFeatureAssembler.MinimumHistory - 1;
        int first = options.FirstOrigin is int f ? panel.PositionOf(f) : firstRow + 8;
        int last = Math.Min(options.LastOrigin is int l ? panel.PositionOf(l) : int.MaxValue, panel.QuarterCount - 2);
        if (first <= firstRow || first > last) throw new ArgumentException("No valid origin inside the panel.");
        double bandwidth = options.KdeBandwidthM ?? 1.5 * MedianNearestNeighbour(centroids);
        var area = panel.AreaKm2;
        var offencePoints = points.Where(p => IncidentKinds.IsOffence(p.Kind) && panel.PositionOf(p.Quarter) >= 0).ToArray();

        var pooled = Enumerable.Range(0, 4).Select(_ => (P: new List<double>(), Y: new List<bool>())).ToArray();
        var folds = new List<BacktestFold>();
        for (int o = first; o <= last; o++)
        {
            var model = RiskModel.Train(features, panel.Quarters[o], options.Model);
            var scores = model.Score(features, panel.Quarters[o]);
            var actual = Enumerable.Range(0, n).Select(u => features.CountLabel(u, o)).ToArray();
            var label = Enumerable.Range(0, n).Select(u => features.BinaryLabel(u, o)).ToArray();
            int origin = o;
            var weighted = offencePoints.Select(p => (p, features.OffenceWeight(p.Unit, panel.PositionOf(p.Quarter), origin))).ToArray();
            var kde = KdeCounts(weighted, centroids, area, panel.Quarters[o], options.KdeQuarters, bandwidth);
            var methods = new (double[] P, double[] Mu)[]
            {
                (scores.Select(s => s.Probability).ToArray(), scores.Select(s => s.ExpectedCount).ToArray()),
                FromCounts(Enumerable.Range(0, n).Select(u => features.Offences(u, origin, origin)).ToArray()),
                FromCounts(Enumerable.Range(0, n).Select(u => Enumerable.Range(o - 3, 4).Average(s => features.Offences(u, s, origin))).ToArray()),
                FromCounts(kde),
            };
            var fold = methods.Select((m, k) =>
            {
                pooled[k].P.AddRange(m.P);
                pooled[k].Y.AddRange(label);
                var density = m.Mu.Select((mu, u) => mu / area[u]).ToArray();
                var byShare = ForecastMetrics.AreaShares.ToDictionary(MethodMetrics.ShareKey,
                    s => ForecastMetrics.AtArea(density, area, actual, s));
                return new FoldMetrics(ForecastMetrics.Auc(m.P, label), ForecastMetrics.Brier(m.P, label), byShare);
            }).ToArray();
            folds.Add(new BacktestFold(panel.Quarters[o], fold[0], fold[1], fold[2], fold[3]));
        }

        MethodMetrics Summarise(int k, Func<BacktestFold, FoldMetrics> pick) => new(
            ForecastMetrics.Auc(pooled[k].P, pooled[k].Y), ForecastMetrics.Brier(pooled[k].P, pooled[k].Y),
            AreaMean(folds, pick, a => a.Pai), AreaMean(folds, pick, a => a.PeiStar), AreaMean(folds, pick, a => a.HitRate));
        var report = new BacktestReport(Summarise(0, x => x.Model),
            new BaselineMetrics(Summarise(1, x => x.LastQuarter), Summarise(2, x => x.Mean4Q), Summarise(3, x => x.Kde)));
        return new BacktestRun(report, folds, bandwidth);
    }

    /// <summary>KDE baseline as expected offences per quarter: weighted density at the centroid (per m²) × area (m²) ÷ quarters.</summary>
    public static double[] KdeCounts(IReadOnlyList<(IncidentPoint Point, double Weight)> points, IReadOnlyList<(double X, double Y)> centroids,
        IReadOnlyList<double> areaKm2, int originQuarter, int quarters, double bandwidthM)
    {
        var window = points.Where(p => p.Point.Quarter <= originQuarter && p.Point.Quarter > originQuarter - quarters)
            .Select(p => (p.Point.X, p.Point.Y, p.Weight)).ToArray();
        var density = QuarticKernelDensity.Evaluate(window, centroids, bandwidthM);
        return density.Select((d, u) => d * areaKm2[u] * 1e6 / quarters).ToArray();
    }

    public static double MedianNearestNeighbour(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) throw new ArgumentException("Need two or more points.", nameof(points));
        var nearest = points.Select((p, i) => points.Where((_, j) => j != i)
            .Min(q => Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)))).OrderBy(d => d).ToArray();
        int m = nearest.Length / 2;
        return nearest.Length % 2 == 1 ? nearest[m] : (nearest[m - 1] + nearest[m]) / 2;
    }

    private static (double[] P, double[] Mu) FromCounts(double[] mu) => (mu.Select(m => 1 - Math.Exp(-m)).ToArray(), mu);

    private static IReadOnlyDictionary<string, double?> AreaMean(List<BacktestFold> folds, Func<BacktestFold, FoldMetrics> pick,
        Func<AreaScore, double> value) =>
        ForecastMetrics.AreaShares.Select(MethodMetrics.ShareKey).ToDictionary(key => key, key =>
        {
            var values = folds.Select(f => pick(f).ByShare[key]).Where(a => a is not null).Select(a => value(a!.Value)).ToArray();
            return values.Length == 0 ? (double?)null : values.Average();
        });
}
