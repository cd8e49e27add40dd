namespace DiaBan.Geo.Data;

/// <summary>A stored version of a status rule set (criteria are data: an administrator edits them, each edit is a new version).</summary>
public class RuleSetRecord
{
    /// <summary>The rule set's id as in the embedded catalog (e.g. the decision it implements).</summary>
    public string Id { get; set; } = "";
    public int Version { get; set; }
    /// <summary>The rule set document (jsonb), the same shape as the embedded catalog files.</summary>
    public string Json { get; set; } = "{}";
    public string EditedBy { get; set; } = "";
    public DateTimeOffset EditedAt { get; set; }
}
