namespace DiaBan.Geo.Data;

/// <summary>The figures of DOMAIN §1.8 for one commune and year (columns named as IndicatorFieldInfo.ColumnName); null = not reported.</summary>
public class UnitIndicator
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    public int Year { get; set; }
    public int? PopulationResident { get; set; }
    public int? UsersAddictsManaged { get; set; }
    /// <summary>Harbouring places still active at the end of the year (a stock).</summary>
    public int? HarbouringPlacesActiveAtEnd { get; set; }
    /// <summary>Harbouring places discovered during the year (a flow; what the shipped rule sets read).</summary>
    public int? HarbouringPlacesDetectedInPeriod { get; set; }
    public int? OffendersArrested { get; set; }
    public int? PlantsDestroyedCount { get; set; }
    public double? PlantsDestroyedM2 { get; set; }
    public KeyRouteMembership? OnKeyRoute { get; set; }
    /// <summary>Tụ điểm tệ nạn ma túy: the 3122/2010-era hotspot count.</summary>
    public int? Hotspots { get; set; }
    /// <summary>Column names of the fields that were derived (from incidents) or estimated (through lineage) rather than reported.</summary>
    public List<string> DerivedFields { get; set; } = [];
    public string? ImportBatch { get; set; }
    /// <summary>When the figures were received (set at import; the demo simulates it); judged against
    /// Analytics' ReportingDeadline for data completeness. Null = not known (rows older than the column).</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
}
