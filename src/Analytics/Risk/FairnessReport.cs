namespace DiaBan.Analytics.Risk;

/// <summary>One quarter's scores and the plan made from them.</summary>
public sealed record FairnessQuarter(int Quarter, IReadOnlyList<CommuneRisk> Scores, PatrolPlan Plan);

/// <summary>
/// How one group of communes (district or any grouping) fared in one quarter. Ratios compare the group's share of
/// patrol priorities with its share of the population and of the forecast offences: 1 = proportional, above 1 = more
/// attention than its share. Null when the reference share is 0.
/// </summary>
public sealed record FairnessRow(
    int Quarter,
    string Group,
    int Units,
    double PopulationShare,
    double PriorityShare,
    double ExplorationShare,
    double ExpectedOffenceShare,
    double MeanProbability,
    double? PriorityToPopulation,
    double? PriorityToExpected);

public static class FairnessReport
{
    /// <summary>Rows per quarter and group, ordered by quarter then group id. <paramref name="groupOfUnit"/> and <paramref name="population"/> are indexed by unit.</summary>
    public static IReadOnlyList<FairnessRow> Build(IReadOnlyList<string> groupOfUnit, IReadOnlyList<double> population,
        IEnumerable<FairnessQuarter> quarters)
    {
        var rows = new List<FairnessRow>();
        foreach (var q in quarters.OrderBy(q => q.Quarter))
        {
            double totalPopulation = q.Scores.Sum(s => population[s.UnitIndex]);
            double totalExpected = q.Scores.Sum(s => s.ExpectedCount);
            int slots = q.Plan.Assignments.Count, exploration = q.Plan.Assignments.Count(a => a.Exploration);
            var planned = q.Plan.Assignments.ToDictionary(a => a.UnitIndex);
            foreach (var group in q.Scores.GroupBy(s => groupOfUnit[s.UnitIndex]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                double populationShare = Share(group.Sum(s => population[s.UnitIndex]), totalPopulation);
                double expectedShare = Share(group.Sum(s => s.ExpectedCount), totalExpected);
                var inPlan = group.Where(s => planned.ContainsKey(s.UnitIndex)).Select(s => planned[s.UnitIndex]).ToArray();
                double priorityShare = Share(inPlan.Length, slots);
                rows.Add(new FairnessRow(q.Quarter, group.Key, group.Count(), populationShare, priorityShare,
                    Share(inPlan.Count(a => a.Exploration), exploration), expectedShare, group.Average(s => s.Probability),
                    populationShare > 0 ? priorityShare / populationShare : null,
                    expectedShare > 0 ? priorityShare / expectedShare : null));
            }
        }
        return rows;
    }

    private static double Share(double part, double total) => total > 0 ? part / total : 0;
}
