namespace DiaBan.Analytics.Risk;

/// <summary>
/// The forecast for one commune for the quarter after the origin.
/// <see cref="ProbabilitySd"/> is the standard deviation of the calibrated probability over the bootstrap members
/// (classifiers refit on commune-block bootstrap resamples of the training rows): model uncertainty, not outcome noise.
/// </summary>
public sealed record CommuneRisk(
    string UnitId,
    int UnitIndex,
    int ForQuarter,
    double Probability,
    double ProbabilitySd,
    double ProbabilityLow,
    double ProbabilityHigh,
    double ExpectedCount,
    double? StatusWorsenProbability,
    int LastStatus,
    int QuartersSinceLastPatrol,
    IReadOnlyList<RiskReason> Reasons)
{
    /// <summary>The reasons as one Vietnamese sentence fragment, e.g. "3 điểm sử dụng trái phép đang hoạt động; số vụ tăng 4 quý liên tiếp".</summary>
    public string ReasonText => string.Join("; ", Reasons.Select(r => r.Text));
}
