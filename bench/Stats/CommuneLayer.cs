using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DiaBan.Bench.Stats;

/// <summary>A commune boundary file: polygons and 2009 populations, and the synthetic quarterly counts both benchmarks use.</summary>
internal sealed record CommuneLayer(IReadOnlyList<Geometry> Polygons, double[] Population)
{
    public static CommuneLayer Read(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(path);
        var features = JsonSerializer.Deserialize<FeatureCollection>(stream, options) ?? throw new InvalidDataException(path);
        return new CommuneLayer(features.Select(f => f.Geometry).ToArray(), features.Select(f => Convert.ToDouble(f.Attributes["population"])).ToArray());
    }

    /// <summary>floor(population/2000) + ((31 i + 17 t) mod 23), i and t from 0 — the same integers in spdep_bench.R.</summary>
    public double[][] SyntheticQuarters(int quarters) =>
        Population.Select((p, i) => Enumerable.Range(0, quarters).Select(t => Math.Floor(p / 2000) + (31L * i + 17L * t) % 23).ToArray()).ToArray();
}
