using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Bench.Import;

/// <summary>The least work any correct incident import must do: parse the CSV, COPY it, and (second baseline) join points to communes.</summary>
internal static class RawBaselines
{
    public static async Task CopyAsync(string connectionString, string csv, bool spatialJoin)
    {
        await using var source = new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build();
        await using var conn = await source.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Exec(conn, "CREATE TEMP TABLE raw_incident (external_id text, occurred_on date, kind text, persons int, source text, geom geometry(Point, 4326), unit_id int) ON COMMIT DROP");
        await using (var copy = await conn.BeginBinaryImportAsync("COPY raw_incident (external_id, occurred_on, kind, persons, source, geom) FROM STDIN (FORMAT BINARY)"))
        {
            using var reader = new StreamReader(csv);
            await reader.ReadLineAsync();
            while (await reader.ReadLineAsync() is { } line)
            {
                var f = line.Split(',');
                await copy.StartRowAsync();
                await copy.WriteAsync(f[0], NpgsqlDbType.Text);
                await copy.WriteAsync(DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                await copy.WriteAsync(f[2], NpgsqlDbType.Text);
                await copy.WriteAsync(int.Parse(f[5], CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                await copy.WriteAsync(f[6], NpgsqlDbType.Text);
                await copy.WriteAsync(new NetTopologySuite.Geometries.Point(double.Parse(f[3], CultureInfo.InvariantCulture),
                    double.Parse(f[4], CultureInfo.InvariantCulture)) { SRID = 4326 });
            }
            await copy.CompleteAsync();
        }
        if (spatialJoin)
            await Exec(conn, """
                UPDATE raw_incident r SET unit_id = u.id FROM admin_unit u
                WHERE u.level = 'commune' AND ST_Covers(u.geom, r.geom)
                  AND r.occurred_on >= u.valid_from AND (u.valid_to IS NULL OR r.occurred_on < u.valid_to)
                """);
        await tx.CommitAsync();
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
