using System.Globalization;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using ComparisonOp = DiaBan.Analytics.Classification.Comparison;

namespace DiaBan.Web.Map;

/// <summary>
/// Turns the classifier's criterion evaluations into lines a person can check: "a — description" and, for every
/// comparison, "measure: figure ≥ threshold".
/// </summary>
public static class CriterionText
{
    public sealed record Criterion(string Code, string Description, bool Provisional, IReadOnlyList<Comparison> Comparisons);

    public sealed record Comparison(Measure Measure, double? Input, ComparisonOp Op, double? Value, double? Lower, double? Upper, bool Confirmed);

    public static IReadOnlyList<Criterion> Read(IReadOnlyList<CriterionEvaluation> criteria) =>
        criteria.Select(c => new Criterion(c.Code, c.Description, c.Provisional, c.Condition is { } condition ? Leaves(condition).ToArray() : []))
            .ToArray();

    /// <summary>A measure's figure in vi-VN (or the current culture): rates as percentages, counts as integers.</summary>
    public static string FormatFigure(Measure measure, double? value, CultureInfo culture)
    {
        if (value is not { } v)
        {
            return "—";
        }
        return measure is Measure.UsersRate or Measure.OffendersRate
            ? (v * 100).ToString("0.###", culture) + " %"
            : v.ToString("#,0.##", culture);
    }

    /// <summary>The measure's code in rule sets and stored evaluations ("users_rate"), from its JSON name.</summary>
    public static string MeasureCode(Measure measure) => JsonSerializer.Serialize(measure).Trim('"');

    public static string OperatorSymbol(ComparisonOp op) => op switch
    {
        ComparisonOp.AtLeast => "≥",
        ComparisonOp.MoreThan => ">",
        ComparisonOp.AtMost => "≤",
        ComparisonOp.LessThan => "<",
        ComparisonOp.EqualTo => "=",
        ComparisonOp.Band => "∈",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    private static IEnumerable<Comparison> Leaves(ConditionEvaluation condition)
    {
        if (condition.Children is { } children)
        {
            return children.SelectMany(Leaves);
        }
        return condition is { Measure: { } measure, Op: { } op }
            ? [new Comparison(measure, condition.Input, op, condition.Value, condition.Lower, condition.Upper, condition.Confirmed)]
            : [];
    }
}
