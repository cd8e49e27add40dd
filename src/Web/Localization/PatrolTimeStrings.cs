namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;PatrolTimeStrings&gt;: the patrol sheet page's texts, its shifts and day-of-week × hour tables (Resources/PatrolTimeStrings*.resx).</summary>
public sealed class PatrolTimeStrings;
