namespace DiaBan.Analytics.Risk;

public enum CalibrationMethod
{
    /// <summary>Platt scaling: logistic fit of the label on the raw score (Platt 1999).</summary>
    Platt = 0,

    /// <summary>Isotonic regression by pool-adjacent-violators (Zadrozny &amp; Elkan 2002).</summary>
    Isotonic = 1,
}

/// <summary>Training settings. Defaults are the ones the backtest and the benchmark report.</summary>
public sealed record RiskOptions
{
    public FeedbackGuard Guard { get; init; } = FeedbackGuard.ExposureAdjusted;

    public int Trees { get; init; } = 100;

    public int Leaves { get; init; } = 4;

    public int MinExamplesPerLeaf { get; init; } = 50;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Newest label quarters scored out of time by a probe classifier to fit the calibrator on (0 = no calibration).</summary>
    public int CalibrationQuarters { get; init; } = 2;

    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Platt;

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
