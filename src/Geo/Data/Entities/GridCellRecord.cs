using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>
/// One piece of the patrol grid: the square (<see cref="I"/>, <see cref="J"/>) of side <see cref="SizeM"/> in the metric
/// CRS <see cref="Srid"/>, clipped to one commune version and valid while that commune is ([ValidFrom, ValidTo) copied
/// from admin_unit). A square on a commune border has one row per commune; across the 2025 merger the same square has
/// rows for the old and the new communes, so a date picks the commune valid on it. Built by
/// <c>Geo/Services/GridBuilder</c> (in memory, written by COPY); never edited by hand.
/// </summary>
public class GridCellRecord
{
    public long Id { get; set; }
    /// <summary>Side of the square in metres.</summary>
    public int SizeM { get; set; }
    /// <summary>EPSG code of the metric CRS (UTM 48N = 32648 or 49N = 32649, by the province's longitude).</summary>
    public int Srid { get; set; }
    /// <summary>Column: the square covers x ∈ [I·size, (I+1)·size) in <see cref="Srid"/>.</summary>
    public int I { get; set; }
    /// <summary>Row: the square covers y ∈ [J·size, (J+1)·size).</summary>
    public int J { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive; null = still valid.</summary>
    public DateOnly? ValidTo { get; set; }
    /// <summary>Area of this piece ÷ size² (1 = the whole square lies in the commune).</summary>
    public double AreaShare { get; set; }
    /// <summary>Centroid of the piece in <see cref="Srid"/> (metres).</summary>
    public double X { get; set; }
    public double Y { get; set; }
    /// <summary>The clipped piece in WGS 84, for maps.</summary>
    public MultiPolygon Geom { get; set; } = null!;
}

/// <summary>
/// Patrol effort recorded on one grid square for a period (a shift or a week): the cell-level twin of
/// <see cref="PatrolExposure"/>. Keyed by the square (size, srid, i, j), not by a grid_cell row, so it survives a grid
/// rebuild after a boundary import; the commune is the one valid when it was recorded.
/// </summary>
public class PatrolCellExposure
{
    public long Id { get; set; }
    public int SizeM { get; set; }
    public int Srid { get; set; }
    public int I { get; set; }
    public int J { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary>First day of the patrolled period.</summary>
    public DateOnly PeriodFrom { get; set; }
    /// <summary>Exclusive end of the period.</summary>
    public DateOnly PeriodTo { get; set; }
    /// <summary>Patrol-days spent in the square (a shift = 1/3 day by default).</summary>
    public double PatrolDays { get; set; }
    public bool Prioritised { get; set; }
    public bool Exploration { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
