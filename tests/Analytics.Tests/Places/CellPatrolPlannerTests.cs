using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>The cell-level patrol list: the best cells by score, and ε of the slots drawn among the rest with the commune planner's weights.</summary>
public class CellPatrolPlannerTests
{
    // 40 cells, score 40, 39, …, 1 by id; the upper half was patrolled yesterday, the lower half never
    private static List<CellCandidate> Cells() => Enumerable.Range(1, 40)
        .Select(id => new CellCandidate(new CellForecast(id, 41 - id, Math.Max(0, 41 - id - 2), 41 - id + 2,
            id == 1 ? [new RiskReason("recent_count", 3, 1)] : []), id <= 20 ? 1 : null))
        .ToList();

    [Fact]
    public void The_best_cells_come_first_then_the_exploration_draws_from_the_rest()
    {
        var plan = CellPatrolPlanner.Plan(Cells(), 10, new CellPatrolOptions { ExplorationShare = 0.2, Seed = 3 });
        Assert.Equal(10, plan.Count);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), plan.Take(8).Select(a => a.Forecast.CellId));
        Assert.All(plan.Take(8), a => Assert.False(a.Exploration));
        Assert.All(plan.Skip(8), a => Assert.True(a.Exploration && a.RiskRank > 8));
        Assert.Equal(Enumerable.Range(1, 10), plan.Select(a => a.Rank));
        // what the sheet's sentence says (worded in the web layer, PatrolAssignmentText): rank of all cells, the forecast, its reasons
        Assert.Equal((1, 40, 40.0, 38.0, 42.0), (plan[0].RiskRank, plan[0].Cells, plan[0].Forecast.Score, plan[0].Forecast.Low, plan[0].Forecast.High));
        Assert.Equal([("recent_count", 3.0)], plan[0].Forecast.Reasons.Select(r => (r.Feature, r.Value)));
        Assert.All(plan, a => Assert.Equal(0.2, a.ExplorationShare));
        Assert.Equal(40, plan[9].Cells);
        Assert.Equal(plan[9].Forecast.CellId <= 20 ? 1 : null, plan[9].DaysSinceLastPatrol);
    }

    [Fact]
    public void Cells_never_patrolled_are_drawn_more_often_than_cells_patrolled_yesterday()
    {
        int never = 0, draws = 0;
        for (int seed = 0; seed < 400; seed++)
            foreach (var a in CellPatrolPlanner.Plan(Cells(), 10, new CellPatrolOptions { ExplorationShare = 0.2, Seed = seed }).Where(a => a.Exploration))
            {
                draws++;
                if (a.DaysSinceLastPatrol is null) never++;
            }
        // 12 candidates patrolled yesterday (ids 9–20, weight ≈ 0.05 + 1) against 20 never patrolled (weight ≈ 0.05 + 1 + 1)
        Assert.Equal(800, draws);
        Assert.InRange(never / (double)draws, 0.70, 0.85);
    }

    [Fact]
    public void The_same_seed_gives_the_same_list_and_no_slots_give_none()
    {
        var options = new CellPatrolOptions { Seed = 11 };
        Assert.Equal(CellPatrolPlanner.Plan(Cells(), 7, options).Select(a => a.Forecast.CellId), CellPatrolPlanner.Plan(Cells(), 7, options).Select(a => a.Forecast.CellId));
        Assert.Empty(CellPatrolPlanner.Plan(Cells(), 0));
        Assert.Equal(3, CellPatrolPlanner.Plan(Cells().Take(3).ToList(), 10).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => CellPatrolPlanner.Plan(Cells(), 5, new CellPatrolOptions { ExplorationShare = -0.1 }));
    }
}
