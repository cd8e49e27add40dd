using System.Text.Json;
using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>A figure a criterion read, with the threshold it was compared with (for "why did it change").</summary>
/// <param name="Name">The measure code (e.g. <c>users_rate</c>) or <c>on_key_route</c>.</param>
/// <param name="Value">The unit's value (1/0 for the route flag), null when missing.</param>
/// <param name="Threshold">The comparison as text, e.g. "&gt;= 0.005" or "band [0.0005, 0.001)".</param>
public sealed record FigureReading(string Name, double? Value, string? Threshold);

/// <summary>A criterion whose outcome differs between two assessments of one unit, with the figures of both.</summary>
public sealed record CriterionChange(
    CommuneStatus ClassStatus,
    string Code,
    string Description,
    bool? HeldBefore,
    bool? HeldAfter,
    IReadOnlyList<FigureReading> Before,
    IReadOnlyList<FigureReading> After);

/// <summary>Diffs the criterion outcomes of two <see cref="StatusAssessmentResult"/>s, matched by class and letter.</summary>
public static class CriteriaDiff
{
    /// <summary>Criteria whose Held differs (true/false/unknown); a criterion present on one side only counts as changed
    /// when it held there (a regime change, 3122 → 28, swaps the whole list).</summary>
    public static IReadOnlyList<CriterionChange> Changed(StatusAssessmentResult? before, StatusAssessmentResult? after)
    {
        if (before is null || after is null) return [];
        var old = before.Criteria.ToDictionary(c => (c.ClassStatus, c.Code));
        var changes = new List<CriterionChange>();
        foreach (var now in after.Criteria)
        {
            old.Remove((now.ClassStatus, now.Code), out var was);
            if (was is null ? now.Held != true : was.Held == now.Held) continue;
            changes.Add(new(now.ClassStatus, now.Code, now.Description, was?.Held, now.Held, Figures(was), Figures(now)));
        }
        changes.AddRange(old.Values.Where(c => c.Held == true)
            .Select(c => new CriterionChange(c.ClassStatus, c.Code, c.Description, c.Held, null, Figures(c), [])));
        return changes;
    }

    private static IReadOnlyList<FigureReading> Figures(CriterionEvaluation? criterion)
    {
        if (criterion is null) return [];
        var figures = new List<FigureReading>();
        if (criterion.Condition is { } condition) Leaves(condition, figures);
        if (criterion.Route is { } route)
        {
            figures.Add(new("on_key_route", route.OnKeyRoute is { } on ? (on ? 1 : 0) : null, "== 1"));
        }
        return figures;
    }

    private static void Leaves(ConditionEvaluation condition, List<FigureReading> into)
    {
        if (condition.Children is { } children)
        {
            foreach (var child in children) Leaves(child, into);
            return;
        }
        if (condition.Measure is not { } measure) return;
        var threshold = condition.Op switch
        {
            null => null,
            Comparison.Band => FormattableString.Invariant($"band [{condition.Lower}, {condition.Upper})"),
            { } op => FormattableString.Invariant($"{op.Symbol()} {condition.Value}"),
        };
        into.Add(new(JsonSerializer.Serialize(measure).Trim('"'), condition.Input, threshold));
    }
}
