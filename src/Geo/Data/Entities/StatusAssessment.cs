using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Data;

/// <summary>A commune's status for a year: the computed part (replaced on every run) and the official part (kept).</summary>
public class StatusAssessment
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    public int Year { get; set; }
    public string RuleSetId { get; set; } = "";
    public int RuleSetVersion { get; set; }
    /// <summary>The legal regime the rule set belongs to (e.g. 3122/2010 or 28/2025); marks the series break.</summary>
    public CriteriaRegime Regime { get; set; }
    public CommuneStatus ComputedStatus { get; set; }
    /// <summary>True when a criterion that decided the status has an unconfirmed threshold.</summary>
    public bool Provisional { get; set; }
    /// <summary>jsonb: every criterion with its input figures, threshold, whether it held and whether it is confirmed.</summary>
    public string Criteria { get; set; } = "[]";
    /// <summary>jsonb: the figures fed to the classifier.</summary>
    public string Inputs { get; set; } = "{}";
    /// <summary>Inputs derived from incidents or estimated through lineage rather than reported.</summary>
    public List<string> DerivedInputs { get; set; } = [];
    public DateTimeOffset ComputedAt { get; set; }
    /// <summary>The status the province decided; always wins over the computed one.</summary>
    public CommuneStatus? OfficialStatus { get; set; }
    public string? OfficialBy { get; set; }
    public string? OfficialReason { get; set; }
    public DateTimeOffset? OfficialAt { get; set; }
    /// <summary>PostgreSQL's xmin: changes on every write of the row, so a stale edit is refused (optimistic concurrency).</summary>
    public uint Version { get; set; }

    public CommuneStatus EffectiveStatus => OfficialStatus ?? ComputedStatus;
}
