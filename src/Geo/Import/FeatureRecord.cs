using System.Globalization;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Import;

/// <summary>One feature of a GeoJSON/Shapefile: its 1-based number in the file, attributes (string, double, long, bool or null) and geometry in the file's CRS.</summary>
public sealed class FeatureRecord(int row, IReadOnlyDictionary<string, object?> attributes, Geometry? geometry)
{
    public int Row { get; } = row;
    public IReadOnlyDictionary<string, object?> Attributes { get; } = attributes;
    public Geometry? Geometry { get; } = geometry;

    /// <summary>The attribute as text (whole numbers without ".0"), or null when absent or blank.</summary>
    public string? GetString(string name)
    {
        if (!Attributes.TryGetValue(name, out var v) || v is null) return null;
        var s = v switch
        {
            double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    public double? GetDouble(string name) =>
        Attributes.TryGetValue(name, out var v) ? v switch
        {
            double d => d,
            long l => l,
            int i => i,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;
}
