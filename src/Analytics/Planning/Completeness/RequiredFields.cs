using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning.Completeness;

/// <summary>The figures a rule set reads: every measure's inputs, and key-route membership when a criterion đ exists.</summary>
public static class RequiredFields
{
    private static readonly IndicatorFigures Empty = new() { UnitCode = "", Year = 0 };

    public static IndicatorField Of(RuleSet ruleSet) =>
        ruleSet.Classes.SelectMany(c => c.Criteria).Aggregate(IndicatorField.None, (acc, r) =>
            acc | (r.Condition is { } c ? Of(c) : IndicatorField.None) | (r.Route is null ? IndicatorField.None : IndicatorField.OnKeyRoute));

    private static IndicatorField Of(ConditionRule rule) =>
        rule.Measure is { } m ? MeasureReader.Read(m, Empty).Inputs
        : (rule.AnyOf ?? rule.AllOf ?? []).Aggregate(IndicatorField.None, (acc, c) => acc | Of(c));
}
