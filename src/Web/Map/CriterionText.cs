using System.Globalization;
using System.Text.Json;

namespace DiaBan.Web.Map;

/// <summary>
/// Reads a stored criterion (the classifier's JSON, camelCase or snake_case) into lines a person can check:
/// "a — description" and, for every comparison, "measure: figure ≥ threshold".
/// </summary>
public static class CriterionText
{
    public sealed record Criterion(string Code, string Description, bool Provisional, IReadOnlyList<Comparison> Comparisons);

    public sealed record Comparison(string Measure, double? Input, string Op, double? Value, double? Lower, double? Upper, bool Confirmed);

    public static IReadOnlyList<Criterion> Read(JsonElement criteria)
    {
        if (criteria.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var list = new List<Criterion>();
        foreach (var c in criteria.EnumerateArray())
        {
            var comparisons = new List<Comparison>();
            if (Get(c, "condition") is { ValueKind: JsonValueKind.Object } condition)
            {
                CollectLeaves(condition, comparisons);
            }
            list.Add(new Criterion(
                Str(c, "code") ?? "?",
                Str(c, "description") ?? "",
                Bool(c, "provisional") ?? false,
                comparisons));
        }
        return list;
    }

    /// <summary>A measure's figure in vi-VN (or the current culture): rates as percentages, counts as integers.</summary>
    public static string FormatFigure(string measure, double? value, CultureInfo culture)
    {
        if (value is not { } v)
        {
            return "—";
        }
        return measure.EndsWith("_rate", StringComparison.Ordinal)
            ? (v * 100).ToString("0.###", culture) + " %"
            : v.ToString("#,0.##", culture);
    }

    public static string OperatorSymbol(string op) => op switch
    {
        "ge" or "gte" or ">=" => "≥",
        "gt" or ">" => ">",
        "le" or "lte" or "<=" => "≤",
        "lt" or "<" => "<",
        "eq" or "==" => "=",
        "between" => "∈",
        _ => op,
    };

    private static void CollectLeaves(JsonElement condition, List<Comparison> into)
    {
        if (Get(condition, "children") is { ValueKind: JsonValueKind.Array } children)
        {
            foreach (var child in children.EnumerateArray())
            {
                CollectLeaves(child, into);
            }
            return;
        }
        if (Str(condition, "measure") is { } measure)
        {
            into.Add(new Comparison(measure, Num(condition, "input"), Str(condition, "op") ?? "", Num(condition, "value"),
                Num(condition, "lower"), Num(condition, "upper"), Bool(condition, "confirmed") ?? true));
        }
    }

    private static JsonElement? Get(JsonElement e, string camel)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (e.TryGetProperty(camel, out var v) || e.TryGetProperty(char.ToUpperInvariant(camel[0]) + camel[1..], out v))
        {
            return v;
        }
        return null;
    }

    private static string? Str(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) => Get(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    private static bool? Bool(JsonElement e, string name) => Get(e, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
