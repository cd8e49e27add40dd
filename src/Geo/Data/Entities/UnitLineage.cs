namespace DiaBan.Geo.Data;

/// <summary>One old unit's contribution to one new unit (2025 merger crosswalk), with shares to carry additive counts.</summary>
public class UnitLineage
{
    public int Id { get; set; }
    public int OldUnitId { get; set; }
    public AdminUnit OldUnit { get; set; } = null!;
    public int NewUnitId { get; set; }
    public AdminUnit NewUnit { get; set; } = null!;
    public MergeType MergeType { get; set; }
    /// <summary>Share of the OLD unit's area lying in the new unit (0..1), computed in PostGIS.</summary>
    public double? AreaShare { get; set; }
    /// <summary>Share of the OLD unit's population allocated to the new unit (0..1); area share when no better figure.</summary>
    public double? PopulationShare { get; set; }
}
