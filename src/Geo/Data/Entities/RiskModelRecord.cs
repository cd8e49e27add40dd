namespace DiaBan.Geo.Data;

/// <summary>A trained risk model version: what it learnt from, how it was set up, how good it was, and the model itself.</summary>
public class RiskModelRecord
{
    public int Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>First and last label quarter learnt from (absolute quarter index year*4+q-1).</summary>
    public int TrainingFromQuarter { get; set; }
    public int TrainingToQuarter { get; set; }
    /// <summary>The province the panel covered (null = every commune in the database).</summary>
    public string? ProvinceCode { get; set; }
    public List<string> FeatureNames { get; set; } = [];
    /// <summary>jsonb: trainer settings.</summary>
    public string Parameters { get; set; } = "{}";
    /// <summary>jsonb: held-out metrics from training.</summary>
    public string Metrics { get; set; } = "{}";
    public int TrainingRows { get; set; }
    /// <summary>SHA-256 of the training rows, so a version can be tied to exactly the data it saw.</summary>
    public string DataHash { get; set; } = "";
    public string Guard { get; set; } = "";
    /// <summary>The saved ML.NET models (RiskModel.Save zip).</summary>
    public byte[] ModelBytes { get; set; } = [];
    public string CreatedBy { get; set; } = "";
}
