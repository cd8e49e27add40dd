namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;PatrolStrings&gt;: the patrol priority page's texts, its fairness table and its scoring job's title (Resources/PatrolStrings*.resx).</summary>
public sealed class PatrolStrings;
