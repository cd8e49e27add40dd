namespace DiaBan.Analytics.Risk;

/// <summary>
/// Turns scores into a patrol list. (1 − ε) of the slots go to the highest-probability communes; ε of them are drawn
/// from the remaining communes by seeded weighted sampling without replacement (Efraimidis &amp; Spirakis 2006, key
/// u^(1/w)), with weight w = 0.05 + sd/max sd + min(quarters unpatrolled, S)/S. Exploration keeps data coming from
/// places the model is unsure about or has not seen, which is what breaks the patrol feedback loop.
/// </summary>
public static class PatrolPlanner
{
    public static PatrolPlan Plan(IReadOnlyList<CommuneRisk> scores, PatrolCapacity capacity, PatrolPlanOptions? options = null)
    {
        options ??= new PatrolPlanOptions();
        var ranked = scores.OrderByDescending(s => s.Probability).ThenByDescending(s => s.ExpectedCount).ThenBy(s => s.UnitIndex).ToArray();
        var (slots, exploit, explore) = ExplorationDraw.Split(ranked.Length, capacity.Slots, options.ExplorationShare);

        var plan = new List<PatrolAssignment>(slots);
        for (int i = 0; i < exploit; i++)
            plan.Add(Assignment(plan.Count + 1, ranked[i], i + 1, false, capacity, options, ranked.Length));

        double maxSd = ranked.Length > exploit ? ranked.Skip(exploit).Max(s => s.ProbabilitySd) : 0;
        foreach (var position in ExplorationDraw.Draw(exploit, ranked.Length, explore, options.Seed, p => Weight(ranked[p], maxSd, options)))
            plan.Add(Assignment(plan.Count + 1, ranked[position], position + 1, true, capacity, options, ranked.Length));
        return new PatrolPlan(plan, slots, explore, options.ExplorationShare, options.Seed);
    }

    /// <summary>Exploration weight: favours uncertain scores and communes long without a patrol.</summary>
    public static double Weight(CommuneRisk score, double maxSd, PatrolPlanOptions options) =>
        ExplorationDraw.Weight(score.ProbabilitySd, maxSd, score.QuartersSinceLastPatrol, options.UnvisitedSaturation);

    private static PatrolAssignment Assignment(int rank, CommuneRisk s, int riskRank, bool exploration, PatrolCapacity capacity,
        PatrolPlanOptions options, int communes) =>
        new(rank, s.UnitId, s.UnitIndex, exploration, riskRank, s.Probability, s.ProbabilitySd,
            s.QuartersSinceLastPatrol, capacity.DaysPerCommune, s.ExpectedCount, communes, options.ExplorationShare, s.Reasons);
}
