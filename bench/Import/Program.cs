using System.Diagnostics;
using System.Globalization;
using DiaBan.Bench.Import;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Import;
using DiaBan.Testing;

// Ingest benchmark: our importers against the raw COPY they are built on, on the real national communes.
// Usage: dotnet run -c Release --project bench/Import [-- <folder with communes_pre2025_national.geojson> [incidents=1000000] [--no-subdivided] [--quick]]
//        --keep: leave the cluster running and the loaded database in place (prints its connection string)
//        --import-only: only the bare COPY and `import incidents` (experiments)
//        --quick: incidents only (communes stored by one raw INSERT instead of the boundary importer; no row-by-row indexed baseline)
//        dotnet run -c Release --project bench/Import -- classify [years…]   (on the database `diaban demo seed --national` filled)
var root = RepositoryRoot();
var startLoad = LoadAverage();
if (args.FirstOrDefault() == "classify")
{
    var years = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(2024).ToArray();
    await ClassifyBench.RunAsync(root, years.Length == 0 ? [2024] : years);
    return;
}
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var vn = positional.Length > 0 ? positional[0] : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "vn"));
var count = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1_000_000;
var quick = args.Contains("--quick");
var subdivided = !args.Contains("--no-subdivided") && !quick;
var national = NamedCopy.Write(Path.Combine(vn, "communes_pre2025_national.geojson"));

var cluster = new EmbeddedPostgres(Path.Combine(root, ".diaban", "bench-pg"));
var admin = await cluster.StartAsync();
var server = new ServerCpu(Path.Combine(root, ".diaban", "bench-pg", "data"));
var ours = await TestDatabases.CreateAsync(admin, "diaban_bench");
var steps = new List<Step>();

var communes = FeatureFileReader.Read(national).Features.Select(f => f.Geometry!).ToList();
var csv = IncidentFile.Write(communes, count, seed: 7);
communes = null;
GC.Collect();

if (quick)
{
    await RawBoundaries.InsertCommunesAsync(ours, national);
    // what `import boundaries` does last: the communes' grid stored for the incident imports (CommuneLocator)
    await using var gridConn = new Npgsql.NpgsqlConnection(ours);
    await gridConn.OpenAsync();
    await CommuneLocator.StoreGridAsync(gridConn, default);
}
else
{
    steps.Add(await Measure("read + COPY 11,163 commune polygons into a bare table", "raw", null, () => RawBoundaries.CopyAsync(ours, national)));
    steps.Add(await Measure("`import boundaries` national communes (validate, repair, MultiPolygon, area, audit)", "ours", null, async () =>
    {
        await using var db = DiaBanDb.Create(ours);
        await new BoundaryImporter(db).ImportAsync(national, new BoundaryImportOptions
        {
            Level = UnitLevel.Commune, ValidFrom = new DateOnly(2015, 1, 1), CodeField = "commune_id", NameField = "commune_vn",
            PopulationField = "population",
        });
    }));
}
var rebuilt = new List<string>();
if (args.Contains("--profile"))
{
    await ProfileBench.RunAsync(ours, csv);
    // the importer itself once, for the time of each index build and of the foreign key
    var profiled = await Measure($"`import incidents` {count:N0} rows", "ours", count, async () =>
    {
        await using var db = DiaBanDb.Create(ours);
        await new IncidentImporter(db, m => { if (m.Contains(": rebuilt ", StringComparison.Ordinal)) rebuilt.Add(m); }).ImportAsync(csv);
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"\n`import incidents` {count:N0} rows: {profiled.Seconds:F2} s, {count / profiled.Seconds:N0} rows/s, client CPU {profiled.CpuSeconds:F2} s; rebuild statement by statement:"));
    foreach (var m in rebuilt) Console.WriteLine("- " + m[(m.IndexOf(": rebuilt ", StringComparison.Ordinal) + 2)..]);
    Console.WriteLine($"GiST sort support for geometry (a sorted GiST build): {await ProfileBench.GistSortSupportAsync(ours)}");
    await TestDatabases.DropAsync(admin, ours);
    await cluster.StopAsync();
    File.Delete(csv);
    return;
}
steps.Add(await Measure($"bare `COPY … (FORMAT csv)` of the {count:N0}-row file into an unindexed table", "raw", count,
    () => RawBaselines.BareCopyAsync(ours, csv)));
// the same into an ordinary table: the WAL every durable table writes (a second limit, beside the strict one above)
steps.Add(await Measure($"bare `COPY … (FORMAT csv)` of the file into an unindexed ordinary (WAL-logged) table", "raw", null,
    () => RawBaselines.BareCopyAsync(ours, csv, logged: true)));
// --import-only: the bare COPY and the import alone (quicker experiments; the published tables run every step)
var importOnly = args.Contains("--import-only");
if (!importOnly)
    steps.Add(await Measure("parse CSV + binary COPY with point geometry, unindexed table", "raw", count,
        () => RawBaselines.ParseAndCopyAsync(ours, csv, indexedLikeIncident: false)));
if (!quick)
    steps.Add(await Measure("parse CSV + binary COPY into a copy of `incident` (its indexes and foreign key)", "raw", count,
        () => RawBaselines.ParseAndCopyAsync(ours, csv, indexedLikeIncident: true)));
if (!importOnly)
    steps.Add(await Measure("parse CSV + binary COPY into an unindexed copy of `incident`, then build its secondary indexes (the product's set) and foreign key, ANALYZE", "raw", count,
        () => RawBaselines.CopyThenIndexAsync(ours, csv)));
if (subdivided)
    steps.Add(await Measure("set-based alternative: bare COPY + join to ST_Subdivide'd communes (GIST)", "raw", count,
        () => RawBaselines.SubdividedJoinAsync(ours, csv)));
var phases = Stopwatch.StartNew();
TimeSpan? rebuildStart = null;
double? ownServerCpu = null;
TimeSpan? setup = null;
long? walStart = null, walRebuild = null;
var serverAt = server.Seconds();
double? ServerDelta()
{
    var now = server.Seconds();
    double? delta = now is { } b && serverAt is { } a ? b - a : null;
    serverAt = now;
    return delta;
}
string ServerText(double? delta) => delta is { } d ? string.Create(CultureInfo.InvariantCulture, $" (server CPU {d:F2} s)") : "";
steps.Add(await Measure($"`import incidents` {count:N0} rows into the empty table (validate, assign commune, COPY, indexes rebuilt once, audit)", "ours", count, async () =>
{
    await using var db = DiaBanDb.Create(ours);
    walStart = WalBytes(ours);
    phases.Restart();
    serverAt = server.Seconds();
    await new IncidentImporter(db, m =>
    {
        if (m.Contains("commune versions indexed", StringComparison.Ordinal)) setup = phases.Elapsed;
        if (m.Contains("rebuilding", StringComparison.Ordinal))
        {
            rebuildStart = phases.Elapsed;
            ownServerCpu = ServerDelta();
            walRebuild = WalBytes(ours);
        }
        if (m.Contains(": rebuilt ", StringComparison.Ordinal)) rebuilt.Add(m + ServerText(ServerDelta()));
        if (m.Contains(": audit row written in ", StringComparison.Ordinal)) rebuilt.Add(m.Replace(": audit row", ": rebuilt audit row", StringComparison.Ordinal));
    }).ImportAsync(csv);
}));
var walEnd = WalBytes(ours);
if (rebuildStart is { } copied)
{
    var whole = steps[^1];
    steps.Add(new Step("… of which: read, check, assign communes, binary COPY (indexes dropped)", "ours", copied.TotalSeconds, count, whole.PeakBytes, null, ownServerCpu));
    steps.Add(new Step("… of which: rebuild the secondary indexes + foreign key, ANALYZE, audit, commit", "ours", whole.Seconds - copied.TotalSeconds, count, whole.PeakBytes, null,
        whole.ServerCpuSeconds - ownServerCpu));
}
if (args.Contains("--again"))
{
    // the same file under new ids into the table that now holds it, with the indexes kept (what a small load into a big table pays per row)
    var again = IncidentFile.Renumber(csv, "C");
    steps.Add(await Measure($"`import incidents` {count:N0} more rows into the {count:N0}-row table (indexes kept, row by row)", "ours", count, async () =>
    {
        await using var db = DiaBanDb.Create(ours);
        await new IncidentImporter(db) { Indexes = IndexMaintenance.Keep }.ImportAsync(again);
    }));
    File.Delete(again);
}

var bytesPerIncident = await BytesPerIncidentAsync(ours);
if (args.Contains("--keep"))
{
    // the loaded database stays (national communes + the imported incidents) for the queries that read them (gist-diet.sql)
    var kept = new Npgsql.NpgsqlConnectionStringBuilder(ours);
    Console.Error.WriteLine($"kept: PGPASSWORD={kept.Password} psql -h {kept.Host} -p {kept.Port} -U {kept.Username} -d {kept.Database}");
}
else
{
    await TestDatabases.DropAsync(admin, ours);
    await cluster.StopAsync();
}
File.Delete(csv);
File.Delete(national);

var bare = steps.First(s => s.Rows is not null).Seconds;
Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start {startLoad}, at end {LoadAverage()}");
Console.WriteLine("| step | kind | seconds | rows/s | × bare COPY | bench process CPU s | server CPU s | peak working set (MB) |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (var s in steps)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {s.Name} | {s.Kind} | {s.Seconds:F2} | {(s.Rows is { } n ? (n / s.Seconds).ToString("N0", CultureInfo.InvariantCulture) : "")} | {(s.Rows is null ? "" : (s.Seconds / bare).ToString("F2", CultureInfo.InvariantCulture))} | {(s.CpuSeconds is { } cpu ? cpu.ToString("F2", CultureInfo.InvariantCulture) : "")} | {(s.ServerCpuSeconds is { } sc ? sc.ToString("F2", CultureInfo.InvariantCulture) : "")} | {s.PeakBytes / 1048576.0:F0} |"));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"incident table with its indexes: {bytesPerIncident:F0} bytes per row"));
if (walStart is { } w0 && walRebuild is { } w1)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"WAL written by the import: own phase {(w1 - w0) / 1048576.0:F0} MB, rebuild + commit {(walEnd - w1) / 1048576.0:F0} MB"));
if (setup is { } ready)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import set-up before the first row (transaction, communes loaded, grid ready): {ready.TotalSeconds:F2} s"));
var loggedBare = steps.FirstOrDefault(s => s.Name.Contains("WAL-logged", StringComparison.Ordinal));
var importStep = steps.FirstOrDefault(s => s.Kind == "ours" && s.Name.StartsWith("`import incidents`", StringComparison.Ordinal));
if (loggedBare is not null && importStep is not null)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"`import incidents` against the bare COPY into an ordinary table: {importStep.Seconds / loggedBare.Seconds:F2}× ({loggedBare.Seconds:F2} s); against the temporary table: {importStep.Seconds / bare:F2}×"));
if (rebuilt.Count > 0) Console.WriteLine("rebuild, statement by statement: " + string.Join("; ", rebuilt.Select(m => m[(m.IndexOf(": rebuilt ", StringComparison.Ordinal) + 10)..])));

// the cluster's WAL position, in bytes (read on a connection of its own, while the import's is busy)
static long WalBytes(string connectionString)
{
    using var conn = new Npgsql.NpgsqlConnection(connectionString);
    conn.Open();
    using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint", conn);
    return (long)cmd.ExecuteScalar()!;
}

static async Task<double> BytesPerIncidentAsync(string connectionString)
{
    await using var conn = new Npgsql.NpgsqlConnection(connectionString);
    await conn.OpenAsync();
    await using var cmd = new Npgsql.NpgsqlCommand("SELECT pg_total_relation_size('incident')::float8 / greatest(count(*), 1) FROM incident", conn);
    return (double)(await cmd.ExecuteScalarAsync())!;
}

// times the work and samples this process's working set every 20 ms while it runs
async Task<Step> Measure(string name, string kind, int? rows, Func<Task> work)
{
    GC.Collect();
    var self = Process.GetCurrentProcess();
    long peak = 0;
    using var done = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!done.IsCancellationRequested)
        {
            self.Refresh();
            peak = Math.Max(peak, self.WorkingSet64);
            try { await Task.Delay(20, done.Token); } catch (OperationCanceledException) { }
        }
    });
    self.Refresh();
    var cpu = self.TotalProcessorTime;
    var serverCpu = server.Seconds();
    var sw = Stopwatch.StartNew();
    await work();
    var seconds = sw.Elapsed.TotalSeconds;
    self.Refresh();
    var cpuSeconds = (self.TotalProcessorTime - cpu).TotalSeconds;
    double? serverSeconds = server.Seconds() is { } after && serverCpu is { } before ? after - before : null;
    await done.CancelAsync();
    await sampler;
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds,8:F2} s  {name}"));
    return new Step(name, kind, seconds, rows, peak, cpuSeconds, serverSeconds);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Run from inside the repository.");
}

// CpuSeconds: this (client) process's CPU time during the step, which a loaded machine inflates far less than seconds
// ServerCpuSeconds: the bench cluster's CPU time during the step (ServerCpu: postmaster, backends, parallel workers)
internal sealed record Step(string Name, string Kind, double Seconds, int? Rows, long PeakBytes, double? CpuSeconds, double? ServerCpuSeconds = null);
