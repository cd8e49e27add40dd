namespace DiaBan.Geo.Data;

/// <summary>One audited change: an entity edit (from the SaveChanges interceptor) or a whole import/classification run.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    /// <summary>insert | update | delete | import | classify | seed | wipe.</summary>
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string? EntityKey { get; set; }
    /// <summary>jsonb: changed values, or file name and counts for an import.</summary>
    public string Details { get; set; } = "{}";
}
