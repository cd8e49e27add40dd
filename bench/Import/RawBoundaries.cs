using Npgsql;

namespace DiaBan.Bench.Import;

/// <summary>Raw boundary baseline: read the GeoJSON and COPY the geometries as they are, no checks.</summary>
internal static class RawBoundaries
{
    public static async Task CopyAsync(string connectionString, string geojson)
    {
        var features = DiaBan.Geo.Import.FeatureFileReader.Read(geojson).Features;
        await using var source = new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build();
        await using var conn = await source.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand("CREATE TEMP TABLE raw_unit (code text, geom geometry) ON COMMIT DROP", conn))
            await cmd.ExecuteNonQueryAsync();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY raw_unit (code, geom) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var f in features)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(f.GetString("commune_id"));
                await copy.WriteAsync(f.Geometry!);
            }
            await copy.CompleteAsync();
        }
        await tx.CommitAsync();
    }
}
