using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>Above its row budget the cell model samples the rows without an incident and weights them back (80,000-cell provinces).</summary>
public class CellModelRowBudgetTests
{
    [Fact]
    public void Sampled_rows_keep_every_incident_and_the_forecast_level()
    {
        var world = PlaceWorld.Create(new PlaceWorldOptions { Seed = 2 });
        var input = world.InputAt(new DateOnly(2025, 5, 1), ForecastHorizon.Month);
        var options = new CellModelOptions { Trees = 30, TrainingOrigins = 8, KnoxPermutations = 19 };
        var full = new CellModelScorer(options);
        var all = full.Score(input);
        var sampled = new CellModelScorer(options with { MaxTrainingRows = 4_000 });
        var few = sampled.Score(input);
        Assert.Equal(8 * world.Cells.Count, full.Version!.Rows);
        Assert.InRange(sampled.Version!.Rows, 1_000, 6_000);
        double level = few.Sum(f => f.Score) / all.Sum(f => f.Score);
        Assert.InRange(level, 0.75, 1.33);
        // the top cells mostly agree
        var topAll = all.OrderByDescending(f => f.Score).Take(80).Select(f => f.CellId).ToHashSet();
        Assert.True(few.OrderByDescending(f => f.Score).Take(80).Count(f => topAll.Contains(f.CellId)) >= 40);
    }
}
