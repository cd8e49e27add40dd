using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;

namespace DiaBan.Geo.Services;

/// <summary>Settings of a database layer run (Gi*, Gi, LISA, Moran): neighbours, weight style, inference, what is measured.</summary>
public sealed record LayerRunOptions
{
    public WeightsSpec Weights { get; init; } = WeightsSpec.Queen;
    /// <summary>Null: binary for Gi/Gi*, row-standardised for LISA and Moran.</summary>
    public WeightsTransform? Transform { get; init; }
    public int Permutations { get; init; } = 999;
    public ulong Seed { get; init; } = 1;
    public bool Fdr { get; init; }
    public StatisticsMeasure Measure { get; init; } = StatisticsMeasure.Count;
}

/// <summary>
/// Settings of a quarterly Emerging Hot Spot run on the database. Defaults for quarterly incident data: the space-time
/// window is the quarter and the 3 before it (a rolling year, so the Tết peak of every first quarter does not read as a
/// hot spot) and each quarter is compared with its own mean and SD (province totals trend; ANALYTICS.md §6 step 3).
/// </summary>
public sealed record QuarterlyEmergingOptions
{
    public WeightsSpec Weights { get; init; } = WeightsSpec.Queen;
    public WeightsTransform Transform { get; init; } = WeightsTransform.Binary;
    public int NeighbourhoodTimeStep { get; init; } = 3;
    public GlobalWindow GlobalWindow { get; init; } = GlobalWindow.IndividualTimeStep;
    public StatisticsMeasure Measure { get; init; } = StatisticsMeasure.Count;
}

/// <summary>One commune of a layer run: its value (null = no figure, left out) and its row (null when left out).</summary>
public sealed record UnitLocalResult(StatisticsUnit Unit, bool Visible, double? Value, LocalRow? Row);

/// <summary>A Gi*, Gi or LISA run over the communes of a year; Notes say what was left out and how neighbours were found.</summary>
public sealed record LocalLayerResult(
    LocalStatistic Statistic, string Indicator, int Year, StatisticsMeasure Measure, string WeightsDescription,
    WeightsTransform Transform, bool Fdr, int Analysed, IReadOnlyList<UnitLocalResult> Units, IReadOnlyList<string> Notes);

/// <summary>Global Moran's I of a year's layer.</summary>
public sealed record MoranLayerResult(string Indicator, int Year, StatisticsMeasure Measure, string WeightsDescription,
    WeightsTransform Transform, GlobalMoranResult Moran, IReadOnlyList<string> Notes);

/// <summary>One commune's Emerging Hot Spot result with the series it was computed from.</summary>
public sealed record UnitEmergingResult(StatisticsUnit Unit, bool Visible, IReadOnlyList<double> Series, EmergingLocation Location);

public sealed record EmergingLayerResult(CalendarQuarter From, CalendarQuarter To, QuarterlyEmergingOptions Options, string WeightsDescription,
    IReadOnlyList<UnitEmergingResult> Units, IReadOnlyList<string> Notes);

/// <summary>A KDE surface of the incidents of a span: the cells kept for the caller's area, the radius and point count.</summary>
public sealed record DensityLayerResult(CalendarQuarter From, CalendarQuarter To, int Points, double SearchRadiusMetres, double CellSizeMetres,
    double MaximumPerKm2, IReadOnlyList<DensityCell> Cells);
