namespace DiaBan.Analytics.Risk;

/// <summary>
/// How the model treats incidents that patrols found. Without a guard a model trained on what police found sends
/// police back where they already looked (Lum &amp; Isaac 2016; Ensign et al. 2018, "Runaway feedback loops in
/// predictive policing").
/// </summary>
public enum FeedbackGuard
{
    /// <summary>Naive: features and label are all recorded incidents, whoever found them. For comparison only.</summary>
    None = 0,

    /// <summary>
    /// Recorded offences are divided by the patrol multiplier m(e) fitted from the data (<see cref="DiscoveryEffort"/>),
    /// so counts (features and the count label) are on the scale "as if reported, whatever the patrols did"; the
    /// binary label is "at least one offence reported"; patrol finds otherwise enter only per 100 patrol-days beside
    /// the exposure itself. A commune is not scored higher merely for having been patrolled.
    /// </summary>
    ExposureAdjusted = 1,
}
