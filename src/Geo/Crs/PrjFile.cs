using System.Globalization;
using System.Text.RegularExpressions;

namespace DiaBan.Geo.Crs;

/// <summary>Reads a Shapefile .prj (WKT1, OGC or ESRI flavour) into one of the supported EPSG codes.</summary>
public static partial class PrjFile
{
    /// <summary>The EPSG code the WKT describes, or null when it names no CRS we support.</summary>
    public static int? ToEpsg(string wkt)
    {
        // the outermost AUTHORITY is written last in WKT1
        var authorities = Authority().Matches(wkt);
        if (authorities.Count > 0 && int.TryParse(authorities[^1].Groups[1].Value, out var code) && CoordinateSystems.IsSupported(code))
            return code;

        var text = wkt.ToUpperInvariant();
        var vn2000 = text.Contains("VN_2000") || text.Contains("VN-2000") || text.Contains("VN2000") || text.Contains("VIETNAM_2000");
        var wgs84 = !vn2000 && (text.Contains("WGS_1984") || text.Contains("WGS 84") || text.Contains("WGS84"));
        if (!vn2000 && !wgs84) return null;
        if (!text.TrimStart().StartsWith("PROJCS", StringComparison.Ordinal))
            return vn2000 ? CoordinateSystems.Vn2000Geographic : CoordinateSystems.Wgs84;

        var cm = Parameter(text, "CENTRAL_MERIDIAN");
        var k = Parameter(text, "SCALE_FACTOR");
        if (cm is null || k is null) return null;
        var kind = vn2000 ? CrsKind.Vn2000Projected : CrsKind.Wgs84Projected;
        return CoordinateSystems.Known
            .Where(d => d.Kind == kind && Math.Abs(d.CentralMeridian - cm.Value) < 1e-6 && Math.Abs(d.Scale - k.Value) < 1e-6)
            .Select(d => (int?)d.Epsg)
            .OrderBy(e => e) // the older 589x code wins where a 92xx code has the same meridian and scale
            .FirstOrDefault();
    }

    private static double? Parameter(string upperWkt, string name)
    {
        var m = Regex.Match(upperWkt, $"PARAMETER\\[\"{name}\",\\s*([-+0-9.E]+)\\]");
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex("AUTHORITY\\[\"EPSG\",\\s*\"?(\\d+)\"?\\]", RegexOptions.IgnoreCase)]
    private static partial Regex Authority();
}
