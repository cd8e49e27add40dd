namespace DiaBan.Analytics.Classification;

/// <summary>Evaluates a threshold condition in three-valued logic (true, false, unknown when an input is missing).</summary>
internal static class ConditionEvaluator
{
    public static ConditionEvaluation Evaluate(ConditionRule rule, IndicatorFigures figures)
    {
        if (rule.AnyOf is { } anyOf) return Combine("any_of", anyOf.Select(c => Evaluate(c, figures)).ToArray(), any: true);
        if (rule.AllOf is { } allOf) return Combine("all_of", allOf.Select(c => Evaluate(c, figures)).ToArray(), any: false);

        var reading = MeasureReader.Read(rule.Measure!.Value, figures);
        var confirmed = rule.Confirmed ?? false;
        bool? held = reading.Value is { } input ? rule.Op!.Value.Holds(input, rule.Value, rule.Lower, rule.Upper) : null;
        return new ConditionEvaluation
        {
            Measure = rule.Measure, Op = rule.Op, Value = rule.Value, Lower = rule.Lower, Upper = rule.Upper,
            Input = reading.Value, Inputs = reading.Inputs, Held = held, Confirmed = confirmed, Robust = confirmed,
            Source = rule.Source, Missing = reading.Missing,
        };
    }

    // any_of is the dual of all_of: swap the roles of true and false
    private static ConditionEvaluation Combine(string combinator, ConditionEvaluation[] children, bool any)
    {
        var decisive = any;
        bool? held = children.Any(c => c.Held == decisive) ? decisive
            : children.All(c => c.Held == !decisive) ? !decisive
            : null;
        bool robust = held == decisive
            ? children.Any(c => c.Held == decisive && c.Robust)
            : children.Where(c => c.Held is not null).All(c => c.Robust);
        return new ConditionEvaluation
        {
            Inputs = children.Aggregate(IndicatorField.None, (acc, c) => acc | c.Inputs),
            Held = held,
            Confirmed = children.All(c => c.Confirmed),
            Robust = robust,
            Combinator = combinator,
            Children = children,
            Missing = children.Aggregate(IndicatorField.None, (acc, c) => acc | c.Missing),
        };
    }
}
