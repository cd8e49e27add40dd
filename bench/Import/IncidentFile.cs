using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DiaBan.Bench.Import;

/// <summary>Writes a synthetic incident CSV whose points fall inside real communes (rejection sampling in each polygon).</summary>
internal static class IncidentFile
{
    public static string Write(IReadOnlyList<Geometry> communes, int count, int seed)
    {
        var random = new Random(seed);
        var kinds = new[] { "arrest", "seizure", "use_site", "dealing_site", "tip" };
        var prepared = new Dictionary<int, (IPreparedGeometry Area, Geometry Boundary)>();
        var path = Path.Combine(Path.GetTempPath(), $"diaban-bench-incidents-{count}.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        w.WriteLine("id,occurred_on,kind,lon,lat,persons,source");
        var start = new DateOnly(2019, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var c = random.Next(communes.Count);
            if (!prepared.TryGetValue(c, out var commune))
                prepared[c] = commune = (PreparedGeometryFactory.Prepare(communes[c]), communes[c].Boundary);
            var p = PointIn(communes[c], commune.Area, commune.Boundary, random);
            var on = start.AddDays(random.Next(6 * 365));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"B{i},{on:yyyy-MM-dd},{kinds[random.Next(kinds.Length)]},{p.X:F6},{p.Y:F6},{1 + random.Next(3)},patrol"));
        }
        return path;
    }

    /// <summary>The same file with every id prefixed (a second load of the same incidents as new ones).</summary>
    public static string Renumber(string csv, string prefix)
    {
        var path = Path.ChangeExtension(csv, $".{prefix}.csv");
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        using var r = new StreamReader(csv);
        w.WriteLine(r.ReadLine());
        while (r.ReadLine() is { } line) w.WriteLine(prefix + line);
        return path;
    }

    private static Coordinate PointIn(Geometry polygon, IPreparedGeometry area, Geometry boundary, Random random)
    {
        var env = polygon.EnvelopeInternal;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var point = polygon.Factory.CreatePoint(new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height));
            // Keep a margin from the border: the 6-decimal CSV rounding must not move a point into the next commune.
            if (area.Contains(point) && boundary.Distance(point) > 1e-5) return point.Coordinate;
        }
        return polygon.InteriorPoint.Coordinate;
    }
}
