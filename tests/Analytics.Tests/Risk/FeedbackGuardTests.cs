using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Risk;

public class FeedbackGuardTests
{
    // The scenario the guard exists for: most drug offences are found only when police look (20 % reported),
    // covariates say nothing about risk (so the model must learn it from records), and a historic plan patrolled a
    // fixed random set. After 8 warm-up quarters, patrols follow each model's ranking for 10 quarters.
    private static SyntheticWorld World(int seed) => SyntheticWorld.Create(new SyntheticPanelOptions
    {
        Units = 80, Quarters = 18, Seed = seed, ReportProbability = 0.2, PatrolDiscoveryPerDay = 0.05,
        MeanRate = 1.5, CovariateEffect = 0, HiddenSd = 1.0,
    });

    private static readonly FeedbackSimulationOptions Loop = new() { PatrolledCommunes = 16, IdleDays = 0.5 };

    [Fact]
    public void Guarded_scores_track_true_risk_better_than_a_model_fed_on_patrol_finds()
    {
        int[] seeds = [1, 2, 3];
        var naive = seeds.Select(s => PatrolFeedbackSimulation.Run(World(s), FeedbackGuard.None, Loop)).ToArray();
        var guarded = seeds.Select(s => PatrolFeedbackSimulation.Run(World(s), FeedbackGuard.ExposureAdjusted, Loop)).ToArray();
        double naiveRho = naive.Average(r => r.SpearmanWithTrueRisk), guardedRho = guarded.Average(r => r.SpearmanWithTrueRisk);
        Assert.True(guardedRho > naiveRho, $"mean Spearman guarded {guardedRho:F3} vs unguarded {naiveRho:F3}");
        // And the patrols it directs reach more of the truly riskiest communes.
        double naiveCoverage = naive.Average(r => r.PatrolCoverageOfTopRisk), guardedCoverage = guarded.Average(r => r.PatrolCoverageOfTopRisk);
        Assert.True(guardedCoverage > naiveCoverage, $"mean coverage guarded {guardedCoverage:F3} vs unguarded {naiveCoverage:F3}");
    }
}
