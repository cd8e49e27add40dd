namespace DiaBan.Analytics.Risk;

/// <summary>
/// The forecast for one commune for the quarter after the origin.
/// <see cref="ProbabilitySd"/> is the standard deviation of the calibrated probability over the uncertainty members
/// (the same classifier refit, each on a random half of the communes: a delete-half jackknife), i.e. model
/// uncertainty, not outcome noise. Low/High are P ∓ 1.645·sd clipped to [0, 1] (a normal 90 % band).
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
    IReadOnlyList<RiskReason> Reasons);
