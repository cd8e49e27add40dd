using System.Globalization;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace DiaBan.Geo.Crs;

/// <summary>
/// Reprojects coordinates from WGS 84 or VN-2000 (geographic, TM-3 zones, UTM) to WGS 84 lon/lat (EPSG:4326) with
/// ProjNET (Transverse Mercator, Bursa-Wolf datum shift). VN-2000 → WGS 84 uses the official 7-parameter shift EPSG:6960
/// (QĐ 05/2007/QĐ-BTNMT); see DOMAIN.md §5. A test holds the results to PROJ's cs2cs.
/// </summary>
public static class CoordinateSystems
{
    public const int Wgs84 = 4326;
    public const int Vn2000Geographic = 4756;

    // lon/lat box of Vietnam with its islands (Thổ Chu, Côn Đảo, Hoàng Sa, Trường Sa), a little generous
    private const double MinLon = 101.5, MaxLon = 118.0, MinLat = 5.5, MaxLat = 24.0;

    private static readonly Dictionary<int, CrsDefinition> Definitions = Build();
    // ProjNET does not promise its transforms are thread-safe: each thread builds its own (cheap, once per CRS)
    [ThreadStatic] private static Dictionary<int, (MathTransform ToWgs84, MathTransform FromWgs84)>? _transforms;

    public static IReadOnlyCollection<CrsDefinition> Known => Definitions.Values;

    public static bool IsSupported(int epsg) => Definitions.ContainsKey(epsg);

    public static CrsDefinition Get(int epsg) => Definitions.TryGetValue(epsg, out var d)
        ? d
        : throw new CoordinateException(
            $"EPSG:{epsg} is not supported (hệ tọa độ không được hỗ trợ); supported: {string.Join(", ", Definitions.Keys.Order())}");

    /// <summary>Parses "EPSG:9207", "epsg:4326" or "9207".</summary>
    public static int ParseCode(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("EPSG:", StringComparison.OrdinalIgnoreCase)) t = t[5..];
        if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            throw new CoordinateException($"'{text}' is not an EPSG code (expected e.g. EPSG:9207)");
        Get(code);
        return code;
    }

    /// <summary>x/y in the CRS (easting/northing, or lon/lat) → WGS 84 lon/lat; throws when the point is not in Vietnam, naming swapped axes when that is the cause.</summary>
    public static (double Lon, double Lat) ToWgs84(int epsg, double x, double y)
    {
        var def = Get(epsg);
        var p = Convert(def, x, y);
        if (InVietnam(p)) return p;
        if (LooksSwapped(def, x, y))
            throw new CoordinateException(def.IsProjected
                ? $"X/Y look swapped: x={x:0.###} looks like a northing and y={y:0.###} like an easting (Vietnamese survey tables write X = northing, Y = easting); swap the columns. " +
                  "Tọa độ X/Y có vẻ bị đảo (X là tọa độ Bắc)."
                : $"longitude/latitude look swapped: x={x} looks like a latitude and y={y} like a longitude; swap the columns. Kinh độ/vĩ độ có vẻ bị đảo.");
        throw new CoordinateException(
            $"({x.ToString(CultureInfo.InvariantCulture)}, {y.ToString(CultureInfo.InvariantCulture)}) in {def} lies outside Vietnam " +
            $"(→ lon {p.Lon:0.#####}, lat {p.Lat:0.#####}); check the CRS. Điểm nằm ngoài Việt Nam: kiểm tra hệ tọa độ.");
    }

    /// <summary>The same conversion without the Vietnam plausibility check (for geometry already validated).</summary>
    public static (double Lon, double Lat) ToWgs84Unchecked(int epsg, double x, double y) => Convert(Get(epsg), x, y);

    /// <summary>WGS 84 lon/lat → x/y in the CRS (exports, tests).</summary>
    public static (double X, double Y) FromWgs84(int epsg, double lon, double lat) =>
        epsg == Wgs84 ? (lon, lat) : TransformsOf(Get(epsg)).FromWgs84.Transform(lon, lat);

    /// <summary>Returns a copy of the geometry in WGS 84 (SRID 4326). Every vertex must lie in Vietnam.</summary>
    public static Geometry ToWgs84(Geometry geometry, int epsg)
    {
        var copy = geometry.Copy();
        if (epsg == Wgs84)
        {
            foreach (var c in copy.Coordinates) ToWgs84(Wgs84, c.X, c.Y);
        }
        else
        {
            copy.Apply(new ReprojectFilter(epsg));
            copy.GeometryChanged();
        }
        copy.SRID = Wgs84;
        return copy;
    }

    private sealed class ReprojectFilter(int epsg) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = ToWgs84(epsg, seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }

    private static (double Lon, double Lat) Convert(CrsDefinition def, double x, double y) =>
        def.Epsg == Wgs84 ? (x, y) : TransformsOf(def).ToWgs84.Transform(x, y);

    private static (MathTransform ToWgs84, MathTransform FromWgs84) TransformsOf(CrsDefinition def)
    {
        _transforms ??= [];
        if (_transforms.TryGetValue(def.Epsg, out var t)) return t;
        var source = new CoordinateSystemFactory().CreateFromWkt(def.ToWkt());
        var factory = new CoordinateTransformationFactory();
        t = (factory.CreateFromCoordinateSystems(source, GeographicCoordinateSystem.WGS84).MathTransform,
            factory.CreateFromCoordinateSystems(GeographicCoordinateSystem.WGS84, source).MathTransform);
        _transforms[def.Epsg] = t;
        return t;
    }

    private static bool LooksSwapped(CrsDefinition def, double x, double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return false;
        if (!def.IsProjected) return x is >= MinLat and <= MaxLat && y is >= MinLon and <= MaxLon;
        try
        {
            return InVietnam(Convert(def, y, x));
        }
        catch (ArithmeticException)
        {
            return false;
        }
    }

    private static bool InVietnam((double Lon, double Lat) p) =>
        double.IsFinite(p.Lon) && double.IsFinite(p.Lat) && p.Lon is >= MinLon and <= MaxLon && p.Lat is >= MinLat and <= MaxLat;

    private static Dictionary<int, CrsDefinition> Build()
    {
        var list = new List<CrsDefinition>
        {
            new(Wgs84, "WGS 84", CrsKind.Wgs84Geographic),
            new(Vn2000Geographic, "VN-2000", CrsKind.Vn2000Geographic),
            new(3405, "VN-2000 / UTM zone 48N", CrsKind.Vn2000Projected, 105, 0.9996),
            new(3406, "VN-2000 / UTM zone 49N", CrsKind.Vn2000Projected, 111, 0.9996),
            new(32648, "WGS 84 / UTM zone 48N", CrsKind.Wgs84Projected, 105, 0.9996),
            new(32649, "WGS 84 / UTM zone 49N", CrsKind.Wgs84Projected, 111, 0.9996),
            new(5896, "VN-2000 / TM-3 zone 481", CrsKind.Vn2000Projected, 102, 0.9999),
            new(5897, "VN-2000 / TM-3 zone 482", CrsKind.Vn2000Projected, 105, 0.9999),
            new(5898, "VN-2000 / TM-3 zone 491", CrsKind.Vn2000Projected, 108, 0.9999),
            new(5899, "VN-2000 / TM-3 107-45", CrsKind.Vn2000Projected, 107.75, 0.9999),
        };
        // EPSG 9205–9218: the provincial TM-3 meridians (DOMAIN.md §5 table)
        double[] meridians = [103, 104, 104.5, 104.75, 105.5, 105.75, 106, 106.25, 106.5, 107, 107.25, 107.5, 108.25, 108.5];
        for (var i = 0; i < meridians.Length; i++)
        {
            var cm = meridians[i];
            var name = $"VN-2000 / TM-3 {(int)cm}-{(int)Math.Round((cm - Math.Floor(cm)) * 60):00}";
            list.Add(new CrsDefinition(9205 + i, name, CrsKind.Vn2000Projected, cm, 0.9999));
        }
        return list.ToDictionary(d => d.Epsg);
    }
}
