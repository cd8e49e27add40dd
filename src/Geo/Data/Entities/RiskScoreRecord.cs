namespace DiaBan.Geo.Data;

/// <summary>One commune's forecast for one quarter, made by one model version.</summary>
public class RiskScoreRecord
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary>The forecast quarter (absolute index year*4+q-1).</summary>
    public int Quarter { get; set; }
    public int ModelVersionId { get; set; }
    public RiskModelRecord ModelVersion { get; set; } = null!;
    public double Probability { get; set; }
    public double ProbabilitySd { get; set; }
    public double ProbabilityLow { get; set; }
    public double ProbabilityHigh { get; set; }
    public double ExpectedCount { get; set; }
    public double? StatusWorsenProbability { get; set; }
    public int LastStatus { get; set; }
    public int QuartersSinceLastPatrol { get; set; }
    /// <summary>jsonb: [{feature, value, contribution, text}] in Vietnamese.</summary>
    public string Reasons { get; set; } = "[]";
    public DateTimeOffset ScoredAt { get; set; }
}
