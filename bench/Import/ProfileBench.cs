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
        Time("read CSV rows (Sep, cells as strings)", () => { foreach (var _ in table.Rows) { } });
        var latest = IncidentRow.Today(TimeProvider.System);
        var rows = new List<IncidentRow>();
        Time("… + check every field (IncidentRow.Parse), single thread", () =>
        {
            var errors = new ImportErrors(table.Name);
            var parse = new FieldParser(errors);
            foreach (var r in table.Rows)
                if (IncidentRow.Parse(r, point, parse, errors, latest) is { } row) rows.Add(row);
        });
        CommuneLocator? communes = null;
        await TimeAsync("load 11,163 communes into the locator (WKB, STRtree)", async () =>
        {
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var conn = await source.OpenConnectionAsync();
            communes = await CommuneLocator.LoadAsync(conn, null, default);
        });
        Time("locate every row, single thread (first use builds each commune's segment index)", () =>
        {
            foreach (var r in rows) r.UnitId = communes!.Locate(r.Lon, r.Lat, r.OccurredOn);
        });
        Time("locate every row again, single thread (indexes built)", () =>
        {
            foreach (var r in rows) r.UnitId = communes!.Locate(r.Lon, r.Lat, r.OccurredOn);
        });
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
