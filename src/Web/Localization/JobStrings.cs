namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;JobStrings&gt;: a background job's progress box (JobProgressView; Resources/JobStrings*.resx).</summary>
public sealed class JobStrings;
