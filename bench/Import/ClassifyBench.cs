using System.Diagnostics;
using System.Globalization;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Services;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Bench.Import;

/// <summary>
/// Classification of whole years on the database `diaban demo seed --national` filled (the repository's own cluster
/// under .diaban/pg), each year beside its raw baseline in the same run: the bare SELECT of the year's figures (the same
/// SQL the assembler sends, rows read and dropped) plus a bare COPY of as many result rows (the stored jsonb of that
/// year) into an unindexed temporary table.
/// </summary>
internal static class ClassifyBench
{
    public static async Task RunAsync(string root, int[] years)
    {
        var cluster = new EmbeddedPostgres(Path.Combine(root, ".diaban", "pg"));
        await cluster.StartAsync();
        var cs = cluster.AdminConnectionString("diaban");
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine("| year | communes | incidents in the year | raw: SELECT figures + COPY results (s) | `YearClassifier.ClassifyAsync` (s) | × raw |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var phaseLines = new List<string>();
        foreach (var year in years)
        {
            // warm once (rule sets seeded, caches), then measure
            await using (var warm = DiaBanDb.Create(cs)) await new YearClassifier(warm).ClassifyAsync(year);
            var stored = await StoredRowsAsync(cs, year);
            var raw = await TimeAsync(() => RawAsync(cs, year, stored));
            YearClassification result = null!;
            PhaseTimes phases = null!;
            var ours = await TimeAsync(async () =>
            {
                await using var db = DiaBanDb.Create(cs);
                db.Actor = "bench";
                var classifier = new YearClassifier(db);
                result = await classifier.ClassifyAsync(year);
                phases = classifier.LastPhases!;
            });
            phaseLines.Add($"{year}: {phases}");
            var incidents = await ScalarAsync(cs, $"SELECT count(*) FROM incident WHERE occurred_on >= '{year}-01-01' AND occurred_on < '{year + 1}-01-01'");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {year} | {result.Units:N0} | {incidents:N0} | {raw:F2} | {ours:F2} | {ours / raw:F2} |"));
        }
        Console.WriteLine();
        Console.WriteLine("Phases of `ClassifyAsync` (s):");
        foreach (var line in phaseLines) Console.WriteLine($"- {line}");
        Console.WriteLine($"load average at the end {LoadAverage()}");
    }

    private static async Task<List<(int, string, bool, string, string, string[])>> StoredRowsAsync(string cs, int year)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var rows = new List<(int, string, bool, string, string, string[])>();
        await using var read = new NpgsqlCommand(
            $"SELECT unit_id, computed_status, provisional, criteria::text, inputs::text, derived_inputs FROM status_assessment WHERE year = {year}", conn);
        await using var rd = await read.ExecuteReaderAsync();
        while (await rd.ReadAsync())
            rows.Add((rd.GetInt32(0), rd.GetString(1), rd.GetBoolean(2), rd.GetString(3), rd.GetString(4), rd.GetFieldValue<string[]>(5)));
        return rows;
    }

    private static async Task RawAsync(string cs, int year, List<(int, string, bool, string, string, string[])> rows)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var end = new DateOnly(year, 12, 31);
        // the figures, the fastest bare way: the communes of the year, their reported rows, and the incident counts grouped
        // by the commune each incident was assigned to (no spatial test at all, no relocation of a merger year's strays)
        foreach (var sql in new[]
                 {
                     $"SELECT id, code, population FROM admin_unit WHERE level = 'commune' AND valid_from <= '{end:yyyy-MM-dd}' AND (valid_to IS NULL OR valid_to > '{end:yyyy-MM-dd}')",
                     $"SELECT * FROM unit_indicator WHERE year = {year}",
                     $"""
                      SELECT unit_id, count(*)::int, coalesce(sum(persons) FILTER (WHERE kind = 'arrest'), 0)::int,
                             count(DISTINCT (ST_X(geom), ST_Y(geom))) FILTER (WHERE kind = 'use_site')::int,
                             coalesce(sum(plants) FILTER (WHERE kind = 'plant_site'), 0)::int,
                             coalesce(sum(area_m2) FILTER (WHERE kind = 'plant_site'), 0)
                      FROM incident WHERE occurred_on >= '{year}-01-01' AND occurred_on < '{year + 1}-01-01'
                      GROUP BY unit_id
                      """,
                 })
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
            await using var rd = await cmd.ExecuteReaderAsync();
            while (await rd.ReadAsync()) { }
        }
        // the results: as many rows as the year stores, with its own jsonb, by binary COPY into a bare table
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE bare_status (unit_id int, computed_status text, provisional bool, criteria jsonb, inputs jsonb, derived_inputs text[]) ON COMMIT DROP", conn))
            await create.ExecuteNonQueryAsync();
        await using (var copy = await conn.BeginBinaryImportAsync("COPY bare_status FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Item1, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Item2, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Item3, NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Item4, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(r.Item5, NpgsqlDbType.Jsonb);
                await copy.WriteAsync(r.Item6, NpgsqlDbType.Array | NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await tx.RollbackAsync();
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await work();
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
