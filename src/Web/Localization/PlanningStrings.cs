namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;PlanningStrings&gt;: transitions and the leader's dashboard (Resources/PlanningStrings*.resx).</summary>
public sealed class PlanningStrings;
