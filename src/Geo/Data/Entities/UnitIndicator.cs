namespace DiaBan.Geo.Data;

/// <summary>The figures of DOMAIN §1.8 for one commune and year; null = not reported.</summary>
public class UnitIndicator
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    public int Year { get; set; }
    public int? PopulationResident { get; set; }
    public int? UsersAddictsManaged { get; set; }
    public int? HarbouringPlaces { get; set; }
    public int? OffendersArrested { get; set; }
    public int? PlantsDestroyedCount { get; set; }
    public double? PlantsDestroyedM2 { get; set; }
    public KeyRouteMembership? OnKeyRoute { get; set; }
    /// <summary>Names (snake_case) of the fields that were derived or estimated rather than reported.</summary>
    public List<string> DerivedFields { get; set; } = [];
    public string? ImportBatch { get; set; }
}
