namespace DiaBan.Web;

/// <summary>
/// Marker type for IStringLocalizer&lt;ReasonStrings&gt;: the words of the risk models' reasons (commune and cell features)
/// and of the patrol assignments' explanations (Resources/ReasonStrings*.resx), used only through
/// <see cref="Risk.RiskReasonText"/> and <see cref="Risk.PatrolAssignmentText"/>.
/// </summary>
public sealed class ReasonStrings;
