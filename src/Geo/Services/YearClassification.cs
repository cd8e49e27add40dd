using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Services;

/// <summary>What one classification run stored: the rule set used and the number of communes per computed status.</summary>
public sealed record YearClassification(int Year, string RuleSetId, int RuleSetVersion, CriteriaRegime Regime, int Units,
    int Provisional, int Estimated, IReadOnlyDictionary<CommuneStatus, int> ByStatus)
{
    public override string ToString() =>
        $"{Year}: {Units} communes, rule set {RuleSetId} v{RuleSetVersion} — " +
        string.Join(", ", ByStatus.OrderByDescending(s => s.Key.Severity()).Select(s => $"{s.Key.Code()} {s.Value}")) +
        $"; {Provisional} provisional, {Estimated} on estimated inputs";
}
