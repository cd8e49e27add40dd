using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Planning.Completeness;

namespace DiaBan.Analytics.Reporting;

/// <summary>
/// Everything the report is assembled from, as read from the database for one area and period (Geo's ReportQueries).
/// "Now" is the period, "Before" the same period last year. Null = the figure is not stored.
/// </summary>
public sealed record ReportFigures
{
    public required ReportPeriod Period { get; init; }

    public required string AreaName { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Communes valid at the end of each period by effective status (official first); null status = not assessed.</summary>
    public required IReadOnlyList<StatusCount> Statuses { get; init; }

    /// <summary>Last year → this year over the communes valid at the end of this year.</summary>
    public required TransitionMatrix Transitions { get; init; }

    /// <summary>Code → name of every commune named in the report.</summary>
    public required IReadOnlyDictionary<string, string> CommuneNames { get; init; }

    public required IReadOnlyList<IncidentKindCount> Incidents { get; init; }

    /// <summary>Yearly unit_indicator sums for the period's year and the two before (only an annual report reads them).</summary>
    public required IReadOnlyDictionary<int, IndicatorSums> Indicators { get; init; }

    public required IReadOnlyList<TargetResult> Targets { get; init; }

    /// <summary>Recognition steps taken in the period, in order; null = not read (the table says "chưa có dữ liệu").</summary>
    public IReadOnlyList<RecognitionStepFigure>? RecognitionSteps { get; init; }

    /// <summary>Data completeness of the period's year; null = not read (the table says "chưa có dữ liệu").</summary>
    public CompletenessReport? Completeness { get; init; }

    public ReportMap Map { get; init; } = ReportMap.Empty;

    /// <summary>Recorded drug spots (verified steps) over the period and the same period last year; null = not read.</summary>
    public Records.SpotCounts? Spots { get; init; }

    public Records.SpotCounts? SpotsBefore { get; init; }

    /// <summary>Recorded tips (verified) received in the period and resolved by its end, and last year's; null = not read.</summary>
    public Records.TipResolution? Tips { get; init; }

    public Records.TipResolution? TipsBefore { get; init; }
}

public sealed record StatusCount(CommuneStatus? Status, int Now, int Before);

/// <summary>Incidents of one kind that occurred in the period: records and persons (arrests: offenders), plants, m².</summary>
public sealed record IncidentKindCount(IncidentKind Kind, int Cases, int Persons, long Plants, double AreaM2,
    int CasesBefore, int PersonsBefore, long PlantsBefore, double AreaM2Before);

/// <summary>Sums of a year's unit_indicator columns over the area (null when no commune reported the column).</summary>
public sealed record IndicatorSums(long? UsersWithRecords, long? SpotsDetected, long? SpotsActiveAtEnd, long? PlantsCount, double? PlantsM2,
    long? OffendersArrested);

/// <summary>A plan target of the period's year with its progress (from TargetQueries).</summary>
public sealed record TargetResult(string Indicator, string Target, string DocumentNumber, double? Baseline, double? Actual,
    double? Projection, double? Required, TargetVerdict Verdict, string Source);

/// <summary>A drug-free recognition step taken in the period: which commune, what was done, the state it led to, the decision.</summary>
public sealed record RecognitionStepFigure(string Code, string Name, RecognitionAction Action, RecognitionState To, DateTimeOffset At,
    int? Year, string? DecisionNumber, DateOnly? DecisionDate);
