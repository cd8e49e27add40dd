using Npgsql;

namespace DiaBan.Bench.Import;

/// <summary>Raw boundary baseline: read the GeoJSON and COPY the geometries as they are, no checks.</summary>
internal static class RawBoundaries
{
    public static Task CopyAsync(string connectionString, string geojson) => CopyAsync(connectionString, geojson, intoAdminUnit: false);

    /// <summary>
    /// For a run that measures incidents only (<c>--quick</c>): the same COPY, then the polygons made valid and stored
    /// as communes by one INSERT, without the boundary importer's checks (minutes on a loaded machine).
    /// </summary>
    public static Task InsertCommunesAsync(string connectionString, string geojson) => CopyAsync(connectionString, geojson, intoAdminUnit: true);

    private static async Task CopyAsync(string connectionString, string geojson, bool intoAdminUnit)
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
        if (intoAdminUnit)
            await using (var cmd = new NpgsqlCommand("""
                INSERT INTO admin_unit (code, name, level, kind, valid_from, geom)
                SELECT code, 'xã ' || code, 'commune', 'xa', DATE '2015-01-01',
                       ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(geom, 4326)), 3))
                FROM raw_unit;
                ANALYZE admin_unit;
                """, conn) { CommandTimeout = 0 })
                await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
