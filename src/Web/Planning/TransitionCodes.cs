using DiaBan.Analytics.Planning;

namespace DiaBan.Web.Planning;

/// <summary>The codes the API and the page use for a predecessor rule and a change (snake_case, stable).</summary>
public static class TransitionCodes
{
    public const string RuleHint = "rule: worst or population_weighted";

    public static string Code(this PredecessorRule rule) => rule switch
    {
        PredecessorRule.Worst => "worst",
        PredecessorRule.PopulationWeighted => "population_weighted",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    public static bool TryParseRule(string? code, out PredecessorRule rule)
    {
        foreach (var r in Enum.GetValues<PredecessorRule>())
        {
            if (string.Equals(r.Code(), code, StringComparison.Ordinal)) { rule = r; return true; }
        }
        rule = default;
        return false;
    }

    public static string Code(this StatusChange change) => change switch
    {
        StatusChange.Improved => "improved",
        StatusChange.Worsened => "worsened",
        StatusChange.Unchanged => "unchanged",
        _ => "not_comparable",
    };
}
