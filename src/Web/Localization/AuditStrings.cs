namespace DiaBan.Web;

/// <summary>Marker type for IStringLocalizer&lt;AuditStrings&gt;: the audit log page's texts (Resources/AuditStrings*.resx).</summary>
public sealed class AuditStrings;
