namespace DiaBan.Analytics.Risk;

/// <summary>Training settings. Defaults are the ones the backtest and the benchmark report.</summary>
public sealed record RiskOptions
{
    public FeedbackGuard Guard { get; init; } = FeedbackGuard.ExposureAdjusted;

    public int Trees { get; init; } = 100;

    public int Leaves { get; init; } = 4;

    public int MinExamplesPerLeaf { get; init; } = 50;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>
    /// Newest label quarters scored out of time by probe models to fit the stack on (<see cref="Learning.RecentStacking"/>;
    /// 0 = none: FastTree's own Platt fit on the training rows and the count trees alone).
    /// </summary>
    public int CalibrationQuarters { get; init; } = 4;

    /// <summary>
    /// Classifiers, same settings, each trained on a random half of the communes; the spread of their calibrated
    /// probabilities is the score's uncertainty (delete-half jackknife). 0 = no uncertainty estimate.
    /// </summary>
    public int UncertaintyMembers { get; init; } = 5;

    public bool TrainStatusModel { get; init; } = true;

    /// <summary>How many positive contributions become reasons per commune.</summary>
    public int ReasonCount { get; init; } = 3;

    public int Seed { get; init; } = 20250801;

    /// <summary>Trainer threads; null lets ML.NET use all cores.</summary>
    public int? Threads { get; init; }
}
