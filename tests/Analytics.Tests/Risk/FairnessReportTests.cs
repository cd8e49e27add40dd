using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class FairnessReportTests
{
    private static CommuneRisk Score(int unit, double p, double expected) =>
        new($"C{unit}", unit, 8100, p, 0, p, p, expected, null, CommuneStatusInfo.UnknownSeverity, 0, []);

    [Fact]
    public void Priority_shares_are_compared_with_population_and_forecast_shares()
    {
        // Group A = communes 0, 1 (population 200 of 1000, forecast 3 of 6); group B = 2, 3 (800, 3).
        string[] groups = ["A", "A", "B", "B"];
        double[] population = [100, 100, 200, 600];
        var scores = new[] { Score(0, 0.9, 2), Score(1, 0.8, 1), Score(2, 0.2, 1), Score(3, 0.1, 2) };
        var plan = PatrolPlanner.Plan(scores, PatrolCapacity.Communes(2), new() { ExplorationShare = 0 });
        var rows = FairnessReport.Build(groups, population, [new FairnessQuarter(8100, scores, plan)]);

        Assert.Equal(["A", "B"], rows.Select(r => r.Group));
        var a = rows[0];
        Assert.Equal(0.2, a.PopulationShare, 12);
        Assert.Equal(1, a.PriorityShare, 12);
        Assert.Equal(0.5, a.ExpectedOffenceShare, 12);
        Assert.Equal(0.85, a.MeanProbability, 12);
        Assert.Equal(5, a.PriorityToPopulation!.Value, 12);
        Assert.Equal(2, a.PriorityToExpected!.Value, 12);
        Assert.Equal(0, rows[1].PriorityShare, 12);
        Assert.Equal(0, rows[1].PriorityToPopulation!.Value, 12);
    }

    [Fact]
    public void One_row_per_group_and_quarter_in_quarter_order()
    {
        string[] groups = ["A", "B"];
        var scores = new[] { Score(0, 0.5, 1), Score(1, 0.5, 1) };
        var plan = PatrolPlanner.Plan(scores, PatrolCapacity.Communes(1), new() { ExplorationShare = 0 });
        var rows = FairnessReport.Build(groups, [1, 1], [new FairnessQuarter(8101, scores, plan), new FairnessQuarter(8100, scores, plan)]);
        Assert.Equal([8100, 8100, 8101, 8101], rows.Select(r => r.Quarter));
    }
}
