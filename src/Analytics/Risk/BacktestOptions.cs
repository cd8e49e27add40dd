namespace DiaBan.Analytics.Risk;

/// <summary>Settings of the rolling-origin backtest.</summary>
public sealed record BacktestOptions
{
    /// <summary>Model settings per fold. The backtest measures the probability and count forecasts only, so no uncertainty members or status model.</summary>
    public RiskOptions Model { get; init; } = new() { UncertaintyMembers = 0, TrainStatusModel = false };

    /// <summary>First origin (absolute quarter). Default: 8 labelled quarters after the first feature row.</summary>
    public int? FirstOrigin { get; init; }

    /// <summary>Last origin (absolute quarter). Default and maximum: the panel's second-to-last quarter.</summary>
    public int? LastOrigin { get; init; }

    /// <summary>KDE bandwidth in metres. Default: 1.5 × the median distance from a centroid to its nearest other centroid.</summary>
    public double? KdeBandwidthM { get; init; }

    /// <summary>Quarters of past incident points (ending at the origin) the KDE baseline uses.</summary>
    public int KdeQuarters { get; init; } = 4;
}
