using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>
/// Status transitions between two years (issue 8 §2): every unit valid at the end of the to-year is counted exactly once;
/// a unit with lineage links takes a from-year status derived from its predecessors (flagged), any other unit its own.
/// </summary>
public static class TransitionCalculator
{
    public static TransitionMatrix Compute(TransitionInput input)
    {
        if (input.ToYear < input.FromYear)
            throw new ArgumentException($"Năm đến {input.ToYear} trước năm đi {input.FromYear} / to-year before from-year.", nameof(input));
        var from = Index(input.From, "From");
        var to = Index(input.To, "To");
        var links = input.Lineage.GroupBy(l => l.NewCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var units = new List<UnitTransition>(to.Count);
        foreach (var unit in input.To)
        {
            UnitTransition transition;
            if (links.TryGetValue(unit.UnitCode, out var predecessors))
            {
                var derived = PredecessorDerivation.Derive(predecessors.Select(l => Predecessor(l, from)).ToList(), input.Rule);
                transition = new(unit.UnitCode, derived.Status, unit.Status, StatusRank.Compare(derived.Status, unit.Status), derived, []);
            }
            else
            {
                var before = from.GetValueOrDefault(unit.UnitCode);
                transition = new(unit.UnitCode, before?.Status, unit.Status, StatusRank.Compare(before?.Status, unit.Status), null,
                    CriteriaDiff.Changed(before?.Assessment, unit.Assessment));
            }
            units.Add(transition);
        }

        var cells = (from f in StatusRank.Axis
                     from t in StatusRank.Axis
                     let codes = units.Where(u => u.From == f && u.To == t).Select(u => u.UnitCode).ToList()
                     where codes.Count > 0
                     select new TransitionCell(f, t, codes)).ToList();
        return new TransitionMatrix(input.FromYear, input.ToYear, input.Rule, cells, units);
    }

    private static PredecessorStatus Predecessor(LineageLink link, Dictionary<string, UnitYearStatus> from)
    {
        var old = from.GetValueOrDefault(link.OldCode);
        return new PredecessorStatus(link.OldCode, old?.Status, link.AreaShare, link.PopulationShare, old?.Population, null);
    }

    private static Dictionary<string, UnitYearStatus> Index(IReadOnlyList<UnitYearStatus> statuses, string side)
    {
        var index = new Dictionary<string, UnitYearStatus>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            if (!index.TryAdd(status.UnitCode, status))
                throw new ArgumentException($"Đơn vị {status.UnitCode} xuất hiện hai lần / unit listed twice in {side}.", nameof(statuses));
        }
        return index;
    }
}
