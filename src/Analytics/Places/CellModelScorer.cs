using DiaBan.Analytics.Risk;
using DiaBan.Analytics.Risk.Learning;
using DiaBan.Analytics.Statistics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace DiaBan.Analytics.Places;

/// <summary>Settings of the cell model (defaults are what the backtest and the bench measured).</summary>
public sealed record CellModelOptions
{
    public int Trees { get; init; } = 100;
    public int Leaves { get; init; } = 8;
    public int MinExamplesPerLeaf { get; init; } = 100;
    public double LearningRate { get; init; } = 0.05;
    public int Seed { get; init; } = 1;
    public int? Threads { get; init; } = 1;
    /// <summary>Training origins before the forecast start, <see cref="TrainingSpacingDays"/> apart; every label window ends before it: out of time.</summary>
    public int TrainingOrigins { get; init; } = 26;
    /// <summary>Days between training origins: 14 × 26 spans a year, so the seasonal covariates (Tết on the route) are seen once.</summary>
    public int TrainingSpacingDays { get; init; } = 14;
    /// <summary>Rows of cells with no incident nearby in the year (all features near zero) kept per origin; the rest are sampled and weighted.</summary>
    public int QuietRowsPerOrigin { get; init; } = 4000;
    /// <summary>
    /// Training rows at most (over all origins): when a province has more non-quiet cells than that, rows whose label is 0
    /// are sampled and weighted back (every row with an incident is kept). 1,600-cell worlds never reach it; an
    /// 80,000-cell province (2,080,000 rows) does, and FastTree's time is linear in rows.
    /// </summary>
    public int MaxTrainingRows { get; init; } = 1_200_000;
    /// <summary>Retrain only when the last training is older than this many days (0: every call). The backtest sets a quarter.</summary>
    public int RetrainDays { get; init; }
    /// <summary>Cells (highest forecast first) that get reasons; computing contributions for all 80,000 is wasted work.</summary>
    public int ReasonCells { get; init; } = 500;
    public int ReasonCount { get; init; } = 3;
    /// <summary>Knox test on the last year before training: permutations, bands; the elevated extent feeds the near-repeat feature.</summary>
    public int KnoxPermutations { get; init; } = 99;
    public IReadOnlyList<double> KnoxDistanceBandsM { get; init; } = [100, 200, 400, 800];
    public IReadOnlyList<int> KnoxTimeBandsDays { get; init; } = [7, 14, 30, 60];
    public (double DistanceM, int Days) DefaultNearRepeat { get; init; } = (200, 14);
}

/// <summary>
/// The cell model (issue 10 §3): ML.NET FastTreeTweedie (index 1 = Poisson deviance, log link) on the
/// <see cref="CellFeatures"/> of each cell at past origins, label = the cell's incidents in the horizon that followed,
/// boosted from an offset: the trees learn a multiplier of the self-exciting forecast E built from the same features
/// (Poisson with offset E is weighted Poisson regression of y/E with weights E), so they add what ETAS misses — open
/// spots, businesses, the route, commune trend, calendar — instead of relearning the density from scratch.
/// Trained out of time: every label window ends on or before the forecast start. The forecast is the expected count
/// with a Poisson 90 % interval (Low/High; the model's own error is not in it), and for the top cells the features
/// whose tree contributions raised the score most, as reasons (feature code and value; the web layer words them).
/// </summary>
public sealed class CellModelScorer(CellModelOptions? options = null) : ICellScorer
{
    private readonly CellModelOptions _options = options ?? new CellModelOptions();
    private Trained? _trained;

    public string Name => "cell_model";

    /// <summary>What the last training used (for reports and tests).</summary>
    public CellModelVersion? Version => _trained?.Version;

    private sealed record Trained(MLContext Ml, ITransformer Model, FeatureContributionCalculatingTransformer Contributions,
        DateOnly Cutoff, ForecastHorizon Horizon, CellModelVersion Version);

    public IReadOnlyList<CellForecast> Score(CellScoringInput input)
    {
        var sorted = input.History.Where(e => e.Date < input.From).OrderBy(e => e.Date).ToArray();
        var raster = new CellRaster(input.Cells, input.CellSizeM);
        var context = CellFeatures.StaticOf(raster, input.Cells, input.Context);
        if (_trained is null || _trained.Horizon != input.Horizon || input.From < _trained.Cutoff
            || input.From.DayNumber - _trained.Cutoff.DayNumber > _options.RetrainDays)
            _trained = Train(input, sorted, raster, context);
        var t = _trained;
        var rows = CellFeatures.At(raster, input.Cells, sorted, input.From, t.Version.NearRepeat, context, t.Version.Etas,
            CellForecasts.HorizonDays(input));
        var view = MlRows.Scoring(t.Ml, rows.Select(r => new ScoringRow { Features = r }), CellFeatures.Count);
        var offset = Offsets(rows, t.Version.Etas!, CellForecasts.HorizonDays(input));
        var mean = t.Model.Transform(view).GetColumn<float>("Score").Select((v, i) => Math.Max(0, (double)v) * offset[i]).ToArray();
        for (int i = 0; i < mean.Length; i++) mean[i] *= input.Cells[i].AreaShare;

        var reasons = new IReadOnlyList<RiskReason>[mean.Length];
        var top = Enumerable.Range(0, mean.Length).OrderByDescending(i => mean[i]).Take(_options.ReasonCells).ToArray();
        if (top.Length > 0)
        {
            var topView = MlRows.Scoring(t.Ml, top.Select(i => new ScoringRow { Features = rows[i] }), CellFeatures.Count);
            var contributions = t.Contributions.Transform(t.Model.Transform(topView)).GetColumn<float[]>("FeatureContributions").ToArray();
            for (int k = 0; k < top.Length; k++)
                reasons[top[k]] = Reasons(rows[top[k]], contributions[k], offset[top[k]], t.Version.Etas!, CellForecasts.HorizonDays(input));
        }
        return input.Cells.Select((c, i) => CellForecasts.Poisson(c.Id, mean[i], reasons[i] ?? [])).ToArray();
    }

    // The offset's parts first (the density of the last year, the triggered risk of recent incidents nearby) when they
    // make up at least a third of it, then the features whose tree contributions raised the multiplier most.
    private IReadOnlyList<RiskReason> Reasons(float[] row, float[] contribution, double offset, EtasParameters etas, int horizonDays)
    {
        var reasons = new List<RiskReason>();
        double density = (1 - etas.Theta) * row[19] * horizonDays / 365.0, triggered = row[18];
        foreach (var (feature, part) in new[] { (19, density), (18, (double)triggered) }.OrderByDescending(p => p.Item2))
            if (part >= offset / 3 && Says(feature, row[feature])) reasons.Add(new RiskReason(CellFeatures.All[feature].Name, row[feature], part / offset));
        foreach (var f in Enumerable.Range(0, row.Length).Where(f => contribution[f] > 0).OrderByDescending(f => contribution[f]))
        {
            if (reasons.Count >= _options.ReasonCount) break;
            if (reasons.Any(r => r.Feature == CellFeatures.All[f].Name) || !Says(f, row[f])) continue;
            reasons.Add(new RiskReason(CellFeatures.All[f].Name, row[f], contribution[f]));
        }
        return reasons.Take(_options.ReasonCount).ToArray();
    }

    /// <summary>A reason is shown only when its words hold for the cell: a place "near" within this distance.</summary>
    public const double ReasonNearM = 1000;

    // Whether the reason's text is true of the cell's value: a tree may credit a feature whose value is zero or far (it
    // raised the multiplier against the average row), but "in a hot spot (0 incidents/cell)" or "near a spot (4 km)" would
    // mislead an officer, so such a contribution is not put in words.
    private static bool Says(int feature, float value) => CellFeatures.All[feature].Name switch
    {
        "open_spot_m" or "business_m" or "route_m" => value <= ReasonNearM,
        "days_to_tet" => value is >= 0 and <= 60,
        "days_since_last" => value <= 60,
        "commune_trend" => Math.Round(value, 2) > 0,
        "month" => true,
        _ => Math.Round(value, 2) > 0,
    };

    private Trained Train(CellScoringInput input, PlaceEvent[] sorted, CellRaster raster, CellFeatures.Static context)
    {
        var o = _options;
        var ml = new MLContext(o.Seed);
        var nearRepeat = NearRepeat(sorted, input.From);
        var etas = new EtasScorer().FitParameters(sorted, input.From);
        var rows = new List<TrainingRow>();
        var random = new Random(o.Seed);
        int origins = 0;
        for (int k = 1; origins < o.TrainingOrigins; k++)
        {
            var origin = input.From.AddDays(-o.TrainingSpacingDays * k);
            var end = input.Horizon.EndExclusive(origin);
            if (end > input.From) continue;
            if (sorted.Length == 0 || origin <= sorted[0].Date) break;
            origins++;
            // the context as known at that origin (businesses open then, the register then), not at the forecast start
            var known = input.ContextAt is null ? context : CellFeatures.StaticOf(raster, input.Cells, input.ContextOn(origin));
            var features = CellFeatures.At(raster, input.Cells, sorted, origin, nearRepeat, known, etas, end.DayNumber - origin.DayNumber);
            var label = new double[input.Cells.Count];
            foreach (var e in sorted)
            {
                if (e.Date < origin) continue;
                if (e.Date >= end) break;
                int i = raster.CellOf(e.X, e.Y);
                if (i >= 0) label[i]++;
            }
            // quiet cells (nothing in or beside them for a year) are many and alike: keep a sample, weighted back
            var quiet = Enumerable.Range(0, features.Length).Where(i => Quiet(features[i])).ToArray();
            double keep = quiet.Length <= o.QuietRowsPerOrigin ? 1 : (double)o.QuietRowsPerOrigin / quiet.Length;
            var quietSet = quiet.ToHashSet();
            var offset = Offsets(features, etas, end.DayNumber - origin.DayNumber);
            // over the row budget: sample the non-quiet rows without an incident, weighted back
            int budget = o.MaxTrainingRows / Math.Max(1, o.TrainingOrigins), positives = 0, zeros = 0;
            for (int i = 0; i < features.Length; i++)
                if (label[i] > 0) positives++;
                else if (!quietSet.Contains(i)) zeros++;
            int expected = positives + zeros + (int)(keep * quiet.Length);
            double keepZero = expected <= budget || zeros == 0 ? 1 : Math.Clamp((double)(budget - positives - (int)(keep * quiet.Length)) / zeros, 0.05, 1);
            for (int i = 0; i < features.Length; i++)
            {
                bool isQuiet = quietSet.Contains(i);
                if (isQuiet && keep < 1 && random.NextDouble() >= keep) continue;
                bool sampledZero = !isQuiet && label[i] == 0 && keepZero < 1;
                if (sampledZero && random.NextDouble() >= keepZero) continue;
                // Poisson with offset E as weighted Poisson of y/E with weights E (as the commune model's count part)
                rows.Add(new TrainingRow
                {
                    Count = (float)(label[i] / offset[i]), Weight = (float)(offset[i] * (isQuiet ? 1 / keep : sampledZero ? 1 / keepZero : 1)), Features = features[i],
                });
            }
        }
        if (rows.Count == 0 || rows.All(r => r.Count == 0))
            throw new InvalidOperationException("The cell model needs incidents in the training origins before the forecast start.");
        var view = MlRows.Training(ml, rows, CellFeatures.Count);
        var trainer = ml.Regression.Trainers.FastTreeTweedie(new FastTreeTweedieTrainer.Options
        {
            LabelColumnName = MlRows.CountColumn,
            FeatureColumnName = nameof(TrainingRow.Features),
            ExampleWeightColumnName = MlRows.WeightColumn,
            Index = 1.0,
            NumberOfTrees = o.Trees,
            NumberOfLeaves = o.Leaves,
            MinimumExampleCountPerLeaf = o.MinExamplesPerLeaf,
            LearningRate = o.LearningRate,
            NumberOfThreads = o.Threads,
            Seed = o.Seed,
        });
        var model = trainer.Fit(view);
        var contributions = ml.Transforms.CalculateFeatureContribution(model, o.ReasonCount, 0, normalize: false).Fit(model.Transform(view));
        var version = new CellModelVersion(input.From, input.Horizon, origins, rows.Count, nearRepeat,
            CellFeatures.All.Select(f => f.Name).ToArray()) { Etas = etas };
        return new Trained(ml, model, contributions, input.From, input.Horizon, version);
    }

    /// <summary>
    /// The offset E the trees correct: the self-exciting forecast built from the features, (1 − θ)·(200 m density of the
    /// last two years, per year)·H/365 + the triggered mass, plus a floor of 5 % of its mean so quiet cells can still rise.
    /// </summary>
    private static double[] Offsets(float[][] rows, EtasParameters etas, int horizonDays)
    {
        var e = rows.Select(r => (1 - etas.Theta) * r[19] * horizonDays / 365.0 + r[18]).ToArray();
        double floor = Math.Max(1e-6, 0.05 * e.Average());
        for (int i = 0; i < e.Length; i++) e[i] += floor;
        return e;
    }

    private static bool Quiet(float[] f) => f[3] < 1e-3 && f[4] == 0 && f[6] < 1e-3 && f[7] < 1e-3 && f[17] == 0 && f[18] < 1e-4 && f[20] == 0 && f[21] == 0;

    /// <summary>The Knox extent on the last year before <paramref name="cutoff"/> (at most the newest 20,000 events), or the default.</summary>
    private (double DistanceM, int Days) NearRepeat(PlaceEvent[] sorted, DateOnly cutoff)
    {
        var year = sorted.Where(e => e.Date >= cutoff.AddDays(-365)).TakeLast(20_000)
            .Select(e => new KnoxEvent(e.X, e.Y, e.Date)).ToArray();
        if (year.Length < 20) return _options.DefaultNearRepeat;
        var knox = KnoxTest.Run(year, _options.KnoxDistanceBandsM, _options.KnoxTimeBandsDays, _options.KnoxPermutations, (ulong)_options.Seed);
        return knox.ElevatedExtent() ?? _options.DefaultNearRepeat;
    }
}

/// <summary>What a cell model was trained on: the cut-off (no label window ends after it), origins, rows, the near-repeat extent.</summary>
public sealed record CellModelVersion(DateOnly Cutoff, ForecastHorizon Horizon, int Origins, int Rows,
    (double DistanceM, int Days) NearRepeat, IReadOnlyList<string> Features)
{
    /// <summary>The self-exciting parameters of the trigger feature, fitted on the same history.</summary>
    public EtasParameters? Etas { get; init; }
}
