namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;StatisticsStrings&gt;: the statistics layers' texts (Resources/StatisticsStrings*.resx).</summary>
public sealed class StatisticsStrings;
