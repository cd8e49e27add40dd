using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>
/// Derives a merged unit's from-year status from its predecessors (DOMAIN.md §4: derived, never official).
/// Missing data is not evidence: predecessors without a ranked status decide nothing, and the derived status is
/// given only when no status they could have had would change it.
/// </summary>
public static class PredecessorDerivation
{
    public static DerivedStatus Derive(IReadOnlyList<PredecessorStatus> predecessors, PredecessorRule rule)
    {
        if (predecessors.Count == 0) throw new ArgumentException("A derived status needs at least one predecessor.", nameof(predecessors));
        if (rule == PredecessorRule.PopulationWeighted)
        {
            if (predecessors.All(p => p.Population is not null)) return PopulationWeighted(predecessors);
            return Worst(predecessors) with { Note = "Thiếu dân số của đơn vị cũ: dùng quy tắc nặng nhất / a predecessor population is missing: worst rule used" };
        }
        return Worst(predecessors);
    }

    // worst = the most severe predecessor status; decided only if it is already the highest severity or nothing is unknown
    private static DerivedStatus Worst(IReadOnlyList<PredecessorStatus> predecessors)
    {
        var ranked = predecessors.Where(p => p.Status.IsRanked()).Select(p => p.Status!.Value).ToList();
        ranked.Sort(StatusRank.WorseFirst);
        var unknown = ranked.Count < predecessors.Count;
        var decided = ranked.Count > 0 && (!unknown || ranked[0].Severity() == StatusRank.MaxSeverity);
        return decided
            ? new DerivedStatus(ranked[0], PredecessorRule.Worst, predecessors, null)
            : Undetermined(predecessors, PredecessorRule.Worst);
    }

    // population-weighted = argmax over statuses of Σ population × population share; ties to the worse; decided only if
    // the unknown predecessors' whole weight could not lift another status above (or, being worse, level with) it
    private static DerivedStatus PopulationWeighted(IReadOnlyList<PredecessorStatus> predecessors)
    {
        var weighted = predecessors.Select(p => p with { Weight = p.Population!.Value * p.PopulationShare }).ToList();
        var known = weighted.Where(p => p.Status.IsRanked()).GroupBy(p => p.Status!.Value)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Weight!.Value));
        var unknownWeight = weighted.Where(p => !p.Status.IsRanked()).Sum(p => p.Weight!.Value);
        if (known.Count == 0) return Undetermined(weighted, PredecessorRule.PopulationWeighted);

        var best = known.Keys.ToList();
        best.Sort((a, b) => known[b].CompareTo(known[a]) is var byWeight and not 0 ? byWeight : StatusRank.WorseFirst(a, b));
        var winner = best[0];
        var safe = CommuneStatusInfo.All.Where(s => s != winner && ((CommuneStatus?)s).IsRanked()).All(other =>
        {
            var challenger = known.GetValueOrDefault(other) + unknownWeight;
            return known[winner] > challenger || (known[winner] == challenger && StatusRank.WorseFirst(winner, other) < 0);
        });
        return safe
            ? new DerivedStatus(winner, PredecessorRule.PopulationWeighted, weighted, null)
            : Undetermined(weighted, PredecessorRule.PopulationWeighted);
    }

    // an unranked predecessor status (insufficient data) is the honest answer when one exists; otherwise not assessed
    private static DerivedStatus Undetermined(IReadOnlyList<PredecessorStatus> predecessors, PredecessorRule rule) => new(
        predecessors.Select(p => p.Status).FirstOrDefault(s => s is not null && !s.IsRanked()),
        rule,
        predecessors,
        "Thiếu trạng thái của đơn vị cũ có thể thay đổi kết quả / a missing predecessor status could change the result");
}
