namespace DiaBan.Geo.Data;

/// <summary>
/// A stored commune grid (<c>Geo/Import/CommuneGrid</c>): the rasterised communes an incident import assigns points
/// with, kept so an import does not rebuild it from the polygons. Derived data, keyed by what it was built from.
/// </summary>
public class CommuneGridRecord
{
    /// <summary>SHA-256 of the grid's format and of every commune's id and boundary (WKB) in id order, as loaded.</summary>
    public byte[] Fingerprint { get; set; } = [];
    /// <summary>How many communes the grid indexes (a check beside the fingerprint).</summary>
    public int Communes { get; set; }
    /// <summary>The grid's bytes (<c>CommuneGrid.ToBytes</c>).</summary>
    public byte[] Grid { get; set; } = [];
    public DateTimeOffset BuiltAt { get; set; }
}
