using DiaBan.Analytics.Risk;

namespace DiaBan.Demo.Simulation;

public sealed record FeedbackSimulationOptions
{
    /// <summary>Quarters patrolled by the historic plan before the model takes over.</summary>
    public int WarmUpQuarters { get; init; } = 8;

    /// <summary>Communes that get a patrol each quarter (the rest get <see cref="IdleDays"/>).</summary>
    public int PatrolledCommunes { get; init; } = 15;

    public double PatrolDays { get; init; } = 40;

    public double IdleDays { get; init; } = 1;

    /// <summary>Seed of the historic plan: a fixed random set of communes, unrelated to risk (where police always looked).</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Model settings per quarter; the ranking needs no uncertainty, status model or calibration (monotone).</summary>
    public RiskOptions Model { get; init; } = new() { Trees = 50, UncertaintyMembers = 0, TrainStatusModel = false, CalibrationQuarters = 0 };
}

/// <summary>
/// Spearman ρ of the final probabilities (and expected counts) with the true risk (each commune's mean true rate over
/// the last four quarters), and the mean share of the top-k true risk that each quarter's patrolled set covered.
/// </summary>
public sealed record FeedbackSimulationResult(
    FeedbackGuard Guard,
    double SpearmanWithTrueRisk,
    double[] FinalProbability,
    double[] TrueRisk,
    double PatrolCoverageOfTopRisk,
    double SpearmanExpectedCount);

/// <summary>
/// The predictive-policing loop, simulated: a historic plan patrols a fixed random set; then each quarter the model
/// is retrained on what police recorded so far, the top-ranked communes are patrolled, and patrol presence decides
/// what is discovered next (<see cref="SyntheticWorld.Observe"/>, common random numbers across guards).
/// </summary>
public static class PatrolFeedbackSimulation
{
    public static FeedbackSimulationResult Run(SyntheticWorld world, FeedbackGuard guard, FeedbackSimulationOptions? options = null)
    {
        options ??= new FeedbackSimulationOptions();
        var modelOptions = options.Model with { Guard = guard };
        int n = world.UnitCount, q = world.QuarterCount, k = options.PatrolledCommunes;
        if (options.WarmUpQuarters < RiskFeatureAssembler.MinimumHistory + 1 || options.WarmUpQuarters >= q)
            throw new ArgumentOutOfRangeException(nameof(options), "Warm-up must leave history for features and quarters to simulate.");
        var days = new double[n, q];
        var shuffled = Enumerable.Range(0, n).ToArray();
        new Random(options.Seed).Shuffle(shuffled);
        var historic = shuffled.Take(k).ToHashSet();
        for (int u = 0; u < n; u++)
            for (int t = 0; t < q; t++) days[u, t] = historic.Contains(u) && t < options.WarmUpQuarters ? options.PatrolDays : options.IdleDays;

        double coverage = 0;
        for (int t = options.WarmUpQuarters; t < q; t++)
        {
            var ranking = Rank(world.Observe(days), t - 1, modelOptions);
            var patrolled = ranking.Take(k).ToHashSet();
            for (int u = 0; u < n; u++) days[u, t] = patrolled.Contains(u) ? options.PatrolDays : options.IdleDays;
            var bestK = Enumerable.Range(0, n).Select(u => world.TrueRate[u, t]).OrderByDescending(r => r).Take(k).Sum();
            coverage += patrolled.Sum(u => world.TrueRate[u, t]) / bestK;
        }

        var final = world.Observe(days);
        var features = new RiskFeatureAssembler(final.Panel, guard);
        var model = RiskModel.Train(features, final.Panel.Quarters[q - 1], modelOptions);
        var scores = model.Score(features, final.Panel.Quarters[q - 1]);
        var probability = scores.Select(s => s.Probability).ToArray();
        var truth = Enumerable.Range(0, n).Select(u => Enumerable.Range(q - 4, 4).Average(t => world.TrueRate[u, t])).ToArray();
        return new FeedbackSimulationResult(guard, RankCorrelation.Spearman(probability, truth), probability, truth,
            coverage / (q - options.WarmUpQuarters), RankCorrelation.Spearman(scores.Select(s => s.ExpectedCount).ToArray(), truth));
    }

    // Units by descending forecast probability at the end of quarter position t.
    private static IEnumerable<int> Rank(SyntheticPanel observed, int t, RiskOptions options)
    {
        var features = new RiskFeatureAssembler(observed.Panel, options.Guard);
        var origin = observed.Panel.Quarters[t];
        return RiskModel.Train(features, origin, options).Score(features, origin)
            .OrderByDescending(s => s.Probability).ThenBy(s => s.UnitIndex).Select(s => s.UnitIndex);
    }
}
