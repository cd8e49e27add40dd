using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Reporting;

/// <summary>
/// The 6-month review (sơ kết) or annual summary (tổng kết) of one area (DOMAIN.md §6): the tables in order, the status
/// map and the chart series. XLSX and PDF are both written from this one model.
/// </summary>
/// <param name="AreaName">The province's name (or the communes the caller may read), shown in every title row and page header.</param>
public sealed record Report(
    ReportPeriod Period,
    string AreaName,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<ReportTable> Tables,
    ReportMap Map,
    IReadOnlyList<ChartBar> StatusChart,
    IReadOnlyList<ChartBar> IncidentChart)
{
    public string Title => Period.VietnameseReportTitle;

    /// <summary>File name without extension: bao-cao-2026H1 or bao-cao-2026H1-<code>.</summary>
    public string FileStem(string? areaCode) => areaCode is null ? $"bao-cao-{Period.Code}" : $"bao-cao-{Period.Code}-{areaCode}";
}

/// <summary>One bar pair of a chart: this period and the same period last year.</summary>
public sealed record ChartBar(string Label, double Now, double Before, string? ColourKey = null);

/// <summary>
/// The status map: each commune's outline as SVG path data in a shared coordinate frame (x = longitude, y = −latitude,
/// as PostGIS ST_AsSVG writes it), with its status for the colour (null = not assessed).
/// </summary>
public sealed record ReportMap(double MinX, double MinY, double Width, double Height, double AspectX, IReadOnlyList<ReportMapUnit> Units)
{
    public static ReportMap Empty { get; } = new(0, 0, 1, 1, 1, []);
}

public sealed record ReportMapUnit(string Code, string Name, CommuneStatus? Status, string SvgPath);
