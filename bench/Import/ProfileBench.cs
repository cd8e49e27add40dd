using System.Diagnostics;
using System.Globalization;
using DiaBan.Geo.Import;
using Npgsql;

namespace DiaBan.Bench.Import;

/// <summary>
/// Where the importer's own (client) CPU goes, stage by stage on the same file, without the COPY: each line adds one
/// stage to the previous one and prints the process's CPU seconds and wall seconds (<c>-- profile</c>).
/// </summary>
internal static class ProfileBench
{
    public static async Task RunAsync(string connectionString, string csv)
    {
        Console.WriteLine("| importer stage (cumulative, no COPY) | CPU s | seconds |");
        Console.WriteLine("|---|---:|---:|");
        var table = TableFile.Read(csv);
        var point = PointColumns.Detect(table, null);
        Time("read CSV rows (Sep, cells as strings: the general path, XLSX and before this change)", () => { foreach (var _ in table.Rows) { } });
        var latest = IncidentRow.Today(TimeProvider.System);
        var rows = new List<IncidentRow>();
        Time("… + check every field (IncidentRow.Parse), single thread", () =>
        {
            var errors = new ImportErrors(table.Name);
            var parse = new FieldParser(errors);
            foreach (var r in table.Rows)
                if (IncidentRow.Parse(r, point, parse, errors, latest) is { } row) rows.Add(row);
        });
        Time("read CSV rows as spans (Sep into a reused CsvChunk: the importer's path for CSV)", () =>
        {
            foreach (var _ in CsvReader.Chunks(csv, 16_384)) { }
        });
        var fast = 0;
        Time("… + check every field from the spans (IncidentFastParse), single thread", () =>
        {
            var spans = new IncidentFastParse(table, point, latest);
            var texts = new TextCache();
            foreach (var chunk in CsvReader.Chunks(csv, 16_384))
                for (var i = 0; i < chunk.Count; i++)
                    if (spans.TryParse(chunk, i, texts) is not null) fast++;
        });
        if (fast != rows.Count) throw new InvalidOperationException($"the fast parse took {fast:N0} rows, the general one {rows.Count:N0}");
        CommuneLocator? communes = null;
        await TimeAsync("load 11,163 communes into the locator (WKB, STRtree)", async () =>
        {
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var conn = await source.OpenConnectionAsync();
            communes = await CommuneLocator.LoadAsync(conn, null, default);
        });
        Time("locate every row by the STRtree alone, single thread (first use builds each commune's segment index)", () =>
        {
            foreach (var r in rows) r.UnitId = communes!.LocateByTree(r.Lon, r.Lat, r.OccurredOn);
        });
        Time("locate every row by the STRtree alone again, single thread (indexes built)", () =>
        {
            foreach (var r in rows) r.UnitId = communes!.LocateByTree(r.Lon, r.Lat, r.OccurredOn);
        });
        var byTree = rows.Select(r => r.UnitId).ToArray();
        (int SplitCells, int Lists) grid = default;
        Time("build the commune grid (rasterise every commune on 1/512° cells, all cores)", () => grid = communes!.BuildGrid());
        string? source = null;
        await TimeAsync("load the communes and read their stored grid back instead (what an import does)", async () =>
        {
            await using var source2 = NpgsqlDataSource.Create(connectionString);
            await using var conn = await source2.OpenConnectionAsync();
            source = (await CommuneLocator.LoadAsync(conn, null, default, storedGrid: true)).GridSource;
        });
        Console.WriteLine($"(grid {source})");
        Time("locate every row by the grid (border cells: polygon test), single thread", () =>
        {
            foreach (var r in rows) r.UnitId = communes!.Locate(r.Lon, r.Lat, r.OccurredOn);
        });
        var differing = rows.Where((r, i) => r.UnitId != byTree[i]).Count();
        // random points over the whole country too (most outside every commune, many in the sea)
        var random = new Random(5);
        var on = new DateOnly(2022, 6, 1);
        var randomDiffering = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var (x, y) = (102 + random.NextDouble() * 8, 8 + random.NextDouble() * 16);
            if (communes!.Locate(x, y, on) != communes.LocateByTree(x, y, on)) randomDiffering++;
        }
        Console.WriteLine($"\ngrid: {grid.SplitCells:N0} of its 1/64° cells split into 8 × 8, {grid.Lists:N0} distinct border lists; " +
                          $"communes differing from the STRtree: {differing} of {rows.Count:N0} rows, {randomDiffering} of 1,000,000 random points");
    }

    /// <summary>Whether PostGIS gives the 2D GiST opclass sort support (PostgreSQL 15 then builds the index from sorted points).</summary>
    public static async Task<bool> GistSortSupportAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var cmd = source.CreateCommand("""
            SELECT EXISTS (SELECT FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily
                           WHERE f.opfname = 'gist_geometry_ops_2d' AND p.amprocnum = 11)
            """);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    private static void Time(string name, Action work) => TimeAsync(name, () => { work(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    private static async Task TimeAsync(string name, Func<Task> work)
    {
        var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        await work();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {(self.TotalProcessorTime - cpu).TotalSeconds:F2} | {sw.Elapsed.TotalSeconds:F2} |"));
    }
}
