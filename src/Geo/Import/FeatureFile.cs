namespace DiaBan.Geo.Import;

/// <summary>A read GeoJSON or Shapefile. Epsg is null when the file does not say its CRS (a Shapefile without .prj: planar/unknown).</summary>
public sealed record FeatureFile(string Path, string Format, IReadOnlyList<FeatureRecord> Features, int? Epsg, string? CrsNote)
{
    public string Name => System.IO.Path.GetFileName(Path);
    public bool CrsKnown => Epsg is not null;
}
