namespace DiaBan.Analytics.Risk;

/// <summary>
/// Turns scores into a patrol list. (1 − ε) of the slots go to the highest-probability communes; ε of them are drawn
/// from the remaining communes by seeded weighted sampling without replacement (Efraimidis &amp; Spirakis 2006, key
/// u^(1/w)), with weight w = 0.05 + sd/max sd + min(quarters unpatrolled, S)/S. Exploration keeps data coming from
/// places the model is unsure about or has not seen, which is what breaks the patrol feedback loop.
/// </summary>
public static class PatrolPlanner
{
    private const double WeightFloor = 0.05;

    public static PatrolPlan Plan(IReadOnlyList<CommuneRisk> scores, PatrolCapacity capacity, PatrolPlanOptions? options = null)
    {
        options ??= new PatrolPlanOptions();
        if (options.ExplorationShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), "ε must lie in [0, 1].");
        var ranked = scores.OrderByDescending(s => s.Probability).ThenByDescending(s => s.ExpectedCount).ThenBy(s => s.UnitIndex).ToArray();
        int slots = Math.Min(capacity.Slots, ranked.Length);
        int explore = Math.Min(slots, (int)Math.Round(options.ExplorationShare * slots, MidpointRounding.AwayFromZero));
        int exploit = slots - explore;

        var plan = new List<PatrolAssignment>(slots);
        for (int i = 0; i < exploit; i++)
            plan.Add(Assignment(plan.Count + 1, ranked[i], i + 1, false, capacity, options, ranked.Length));

        var pool = ranked.Skip(exploit).Select((s, i) => (Score: s, RiskRank: exploit + i + 1)).ToArray();
        double maxSd = pool.Length == 0 ? 0 : pool.Max(p => p.Score.ProbabilitySd);
        var random = new Random(options.Seed);
        var drawn = pool
            .Select(p => (p.Score, p.RiskRank, Key: Math.Log(1 - random.NextDouble()) / Weight(p.Score, maxSd, options)))
            .OrderByDescending(p => p.Key).ThenBy(p => p.RiskRank)
            .Take(explore);
        foreach (var (score, riskRank, _) in drawn)
            plan.Add(Assignment(plan.Count + 1, score, riskRank, true, capacity, options, ranked.Length));
        return new PatrolPlan(plan, slots, explore, options.ExplorationShare, options.Seed);
    }

    /// <summary>Exploration weight: favours uncertain scores and communes long without a patrol.</summary>
    public static double Weight(CommuneRisk score, double maxSd, PatrolPlanOptions options) =>
        WeightFloor + (maxSd > 0 ? score.ProbabilitySd / maxSd : 0)
        + Math.Min(score.QuartersSinceLastPatrol, options.UnvisitedSaturation) / (double)options.UnvisitedSaturation;

    private static PatrolAssignment Assignment(int rank, CommuneRisk s, int riskRank, bool exploration, PatrolCapacity capacity,
        PatrolPlanOptions options, int communes)
    {
        string probability = $"xác suất có vụ vi phạm quý tới {VietnameseText.Percent(s.Probability)} ({VietnameseText.PercentPoints(s.ProbabilitySd)})";
        string visited = s.QuartersSinceLastPatrol == 0 ? "đã có tuần tra trong quý gần nhất" : $"{s.QuartersSinceLastPatrol} quý chưa có tuần tra";
        string text = exploration
            ? $"Tuần tra thăm dò (phần {VietnameseText.Percent(options.ExplorationShare)} năng lực dành cho xã xếp hạng thấp hơn, bốc thăm có trọng số): "
              + $"{visited}; độ bất định {VietnameseText.PercentPoints(s.ProbabilitySd)}; xếp hạng nguy cơ {riskRank}/{communes}, {probability}."
            : $"Ưu tiên theo nguy cơ (hạng {riskRank}/{communes}): {probability}, dự báo {VietnameseText.Number(s.ExpectedCount)} vụ."
              + (s.Reasons.Count > 0 ? $" Lý do: {s.ReasonText}." : "");
        return new PatrolAssignment(rank, s.UnitId, s.UnitIndex, exploration, riskRank, s.Probability, s.ProbabilitySd,
            s.QuartersSinceLastPatrol, capacity.DaysPerCommune, text);
    }
}
