using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning.Completeness;

/// <summary>One commune's figures for a year: which the rule set needs, which the assessment had, when they arrived.</summary>
/// <param name="AreaCode">The district (before 2025) or province the commune reports through, for the summary.</param>
public sealed record CommuneFigures(string Code, string Name, string AreaCode, string AreaName, IndicatorField Required,
    IndicatorField Present, Timeliness Timeliness);

/// <summary>Completeness (*mức đầy đủ dữ liệu*) of one commune, or of the communes of a district or province.</summary>
/// <param name="Share">Required figures present ÷ required figures, 0–1; null when nothing is required (no assessment).</param>
public sealed record AreaCompleteness(string Code, string Name, int Communes, int Required, int Present, double? Share,
    int OnTime, int Late, int NotReceived, int NotDue, IReadOnlyList<string> Missing);

/// <summary>
/// Share of the required figures present (each required figure of each commune counts once) and how many communes
/// sent their figures on time. Pure: Geo reads the rows, Web shows the result.
/// </summary>
public static class DataCompletenessCalculator
{
    public static AreaCompleteness Commune(CommuneFigures c) =>
        Summarise(c.Code, c.Name, [c]) with { Missing = (c.Required & ~c.Present).Split().Select(f => f.ColumnName()).ToArray() };

    /// <summary>The communes of one area taken together; Missing lists the figures missing in at least one commune.</summary>
    public static AreaCompleteness Summarise(string code, string name, IReadOnlyCollection<CommuneFigures> communes)
    {
        var required = communes.Sum(c => c.Required.Split().Count);
        var present = communes.Sum(c => (c.Required & c.Present).Split().Count);
        var missing = communes.Aggregate(IndicatorField.None, (acc, c) => acc | (c.Required & ~c.Present));
        int Count(Timeliness t) => communes.Count(c => c.Timeliness == t);
        return new AreaCompleteness(code, name, communes.Count, required, present,
            required == 0 ? null : (double)present / required,
            Count(Timeliness.OnTime), Count(Timeliness.Late), Count(Timeliness.NotReceived), Count(Timeliness.NotDue),
            missing.Split().Select(f => f.ColumnName()).ToArray());
    }

    /// <summary>Every commune, every area (district or province the communes report through), and the whole.</summary>
    public static CompletenessReport Report(int year, string totalCode, string totalName, IReadOnlyList<CommuneFigures> communes) =>
        Report(ReportPeriod.Year(year), totalCode, totalName, communes);

    /// <summary>The same for any period: its deadline is <see cref="ReportingDeadline.For(ReportPeriod)"/>.</summary>
    public static CompletenessReport Report(ReportPeriod period, string totalCode, string totalName, IReadOnlyList<CommuneFigures> communes) =>
        new(period.CalendarYear, ReportingDeadline.For(period),
            Summarise(totalCode, totalName, communes),
            communes.GroupBy(c => (c.AreaCode, c.AreaName)).OrderBy(g => g.Key.AreaCode, StringComparer.Ordinal)
                .Select(g => Summarise(g.Key.AreaCode, g.Key.AreaName, g.ToArray())).ToArray(),
            communes.OrderBy(c => c.Code, StringComparer.Ordinal).Select(Commune).ToArray()) { Period = period.Code };
}

/// <summary>Completeness for a period (<see cref="Year"/> is its calendar year): the total, per area, per commune.</summary>
public sealed record CompletenessReport(int Year, DateOnly Deadline, AreaCompleteness Total, IReadOnlyList<AreaCompleteness> Areas,
    IReadOnlyList<AreaCompleteness> Communes)
{
    /// <summary>The period's code (ReportPeriod): "2026", "2026Q3", "2026-03".</summary>
    public string Period { get; init; } = Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
