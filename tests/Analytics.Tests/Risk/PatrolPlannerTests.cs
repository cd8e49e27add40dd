using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class PatrolPlannerTests
{
    // 30 communes, probability falling with the index; commune 25 is very uncertain, 29 unpatrolled for 8 quarters.
    private static IReadOnlyList<CommuneRisk> Scores() => Enumerable.Range(0, 30).Select(i => new CommuneRisk(
        $"C{i}", i, 8100, 0.95 - i * 0.03, i == 25 ? 0.2 : 0.01, 0, 1, 3 - i * 0.1, null, CommuneStatus.DrugFree.Severity(),
        i == 29 ? 8 : 0, [new RiskReason("active_use_sites", 2, 0.5)])).ToArray();

    [Fact]
    public void Reserves_epsilon_of_the_slots_for_lower_ranked_communes()
    {
        var plan = PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), new PatrolPlanOptions { ExplorationShare = 0.2, Seed = 3 });
        Assert.Equal(10, plan.Assignments.Count);
        Assert.Equal(2, plan.ExplorationSlots);
        Assert.Equal(Enumerable.Range(1, 10), plan.Assignments.Select(a => a.Rank));
        Assert.Equal(Enumerable.Range(0, 8), plan.Assignments.Where(a => !a.Exploration).Select(a => a.UnitIndex));
        Assert.All(plan.Assignments.Where(a => a.Exploration), a => Assert.True(a.RiskRank > 8));
        Assert.Equal(10, plan.Assignments.Select(a => a.UnitIndex).Distinct().Count());
    }

    [Fact]
    public void Assignments_carry_what_the_explanation_says()
    {
        // the sentence is worded in the web layer (PatrolAssignmentText); the plan holds its facts
        var plan = PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10));
        var first = plan.Assignments[0];
        Assert.Equal((false, 1, 30, 0.95, 3.0), (first.Exploration, first.RiskRank, first.Communes, first.Probability, first.ExpectedCount));
        Assert.Equal([("active_use_sites", 2.0)], first.Reasons.Select(r => (r.Feature, r.Value)));
        Assert.All(plan.Assignments, a => Assert.Equal(0.2, a.ExplorationShare));
        Assert.All(plan.Assignments.Where(a => a.Exploration), a => Assert.True(a.RiskRank > 8 && a.Communes == 30));
    }

    [Fact]
    public void Patrol_day_capacity_becomes_whole_commune_allotments()
    {
        var plan = PatrolPlanner.Plan(Scores(), PatrolCapacity.PatrolDays(95, daysPerCommune: 10));
        Assert.Equal(9, plan.Slots);
        Assert.Equal(2, plan.ExplorationSlots); // round(0.2 × 9) = 2
        Assert.All(plan.Assignments, a => Assert.Equal(10, a.PatrolDays));
    }

    [Fact]
    public void Same_seed_same_plan_and_epsilon_bounds_behave()
    {
        var options = new PatrolPlanOptions { Seed = 11 };
        Assert.Equal(PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), options).Assignments.Select(a => a.UnitIndex),
            PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), options).Assignments.Select(a => a.UnitIndex));
        Assert.DoesNotContain(PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), new() { ExplorationShare = 0 }).Assignments, a => a.Exploration);
        Assert.All(PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), new() { ExplorationShare = 1 }).Assignments, a => Assert.True(a.Exploration));
        Assert.Throws<ArgumentOutOfRangeException>(() => PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(3), new() { ExplorationShare = 1.5 }));
    }

    [Fact]
    public void Exploration_favours_uncertain_and_long_unvisited_communes()
    {
        // Weights among the 22 communes below the top 8: 0.05 + 1 (commune 25, highest sd), 0.05 + 0.05 + 1 (29,
        // unvisited 8 quarters), ≈ 0.10 for the rest. Over 400 seeds each should be drawn far more often than a typical one.
        var picks = new int[30];
        for (int seed = 0; seed < 400; seed++)
            foreach (var a in PatrolPlanner.Plan(Scores(), PatrolCapacity.Communes(10), new() { Seed = seed }).Assignments.Where(a => a.Exploration))
                picks[a.UnitIndex]++;
        double typical = Enumerable.Range(8, 22).Where(i => i is not 25 and not 29).Average(i => picks[i]);
        Assert.True(picks[25] > 3 * typical, $"uncertain commune drawn {picks[25]} times, typical {typical}");
        Assert.True(picks[29] > 3 * typical, $"unvisited commune drawn {picks[29]} times, typical {typical}");
        Assert.Equal(800, picks.Sum());
    }
}
