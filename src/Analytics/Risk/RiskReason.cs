namespace DiaBan.Analytics.Risk;

/// <summary>
/// One feature that pushed a score up: its stable code (<see cref="RiskFeature.Name"/> or <see cref="Places.CellFeature.Name"/>),
/// its value and its contribution (log-odds for a commune, share of the forecast for a cell). No display text: the web
/// layer words it in the reader's language (DiaBan.Web.Risk.RiskReasonText).
/// </summary>
public sealed record RiskReason(string Feature, double Value, double Contribution)
{
    /// <summary>True when the model counted offences exposure-adjusted (<see cref="FeedbackGuard.ExposureAdjusted"/>): the count features say so.</summary>
    public bool ExposureAdjusted { get; init; }
}
