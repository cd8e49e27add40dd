using System.ComponentModel.DataAnnotations;
using DiaBan.Geo.Services;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Grid": the patrol grid and the patrol sheet (issue 10: places, not only communes).</summary>
public sealed class GridOptions
{
    public const string Section = "Grid";

    /// <summary>Side of a patrol cell in metres (the grid of this size is built by the demo seed and `diaban grid build`).</summary>
    [Range(10, 10_000)]
    public int CellSizeM { get; set; } = GridBuilder.DefaultSizeM;

    /// <summary>Cells per unit on the sheet when the user does not say.</summary>
    [Range(1, 200)]
    public int DefaultTopCells { get; set; } = 10;

    /// <summary>Largest count a user may ask for (one A4 per unit must still hold it).</summary>
    [Range(1, 200)]
    public int MaxTopCells { get; set; } = 25;

    /// <summary>ε at cell level: share of each unit's cells drawn for exploration, as on the commune patrol page.</summary>
    [Range(0.0, 1.0)]
    public double ExplorationShare { get; set; } = 0.2;

    /// <summary>Scored rankings kept in memory for the sheet (<see cref="DiaBan.Web.Places.CellScoreCache"/>): at most this many
    /// (a province's ranking at 80,000 cells is ~10 MB), each for at most <see cref="ScoreCacheMinutes"/>.</summary>
    [Range(0, 1000)]
    public int ScoreCacheEntries { get; set; } = 16;

    [Range(1, 24 * 60)]
    public int ScoreCacheMinutes { get; set; } = 360;

    /// <summary>Patrol-days written per cell when a sheet is recorded (a shift ≈ 8 h = 1/3 day).</summary>
    [Range(0.0, 7.0)]
    public double PatrolDaysPerCell { get; set; } = 1.0 / 3;
}
