using System.Diagnostics;
using System.Globalization;
using DiaBan.Bench.Import;
using DiaBan.Geo.Data;
using DiaBan.Geo.Hosting;
using DiaBan.Geo.Import;
using DiaBan.Testing;

// Ingest benchmark: our importers against the raw COPY they are built on, on the real national communes.
// Usage: dotnet run -c Release --project bench/Import [-- <folder with communes_pre2025_national.geojson> [incidents=200000]]
var root = RepositoryRoot();
var vn = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "vn"));
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
var national = NamedCopy.Write(Path.Combine(vn, "communes_pre2025_national.geojson"));

var cluster = new EmbeddedPostgres(Path.Combine(root, ".diaban", "bench-pg"));
var admin = await cluster.StartAsync();
var ours = await TestDatabases.CreateAsync(admin, "diaban_bench");
var rows = new List<(string Step, string Kind, double Seconds)>();

var communes = FeatureFileReader.Read(national).Features.Select(f => f.Geometry!).ToList();
var csv = IncidentFile.Write(communes, count, seed: 7);

rows.Add(("read + COPY 11,163 commune polygons into a bare table", "raw", await Time(() => RawBoundaries.CopyAsync(ours, national))));
rows.Add(("`import boundaries` national communes (validate, repair, MultiPolygon, area, audit)", "ours", await Time(async () =>
{
    await using var db = DiaBanDb.Create(ours);
    await new BoundaryImporter(db).ImportAsync(national, new BoundaryImportOptions
    {
        Level = UnitLevel.Commune, ValidFrom = new DateOnly(2015, 1, 1), CodeField = "commune_id", NameField = "commune_vn",
        PopulationField = "population",
    });
})));
rows.Add(($"parse CSV + binary COPY of {count:N0} incidents", "raw", await Time(() => RawBaselines.CopyAsync(ours, csv, spatialJoin: false))));
rows.Add(($"… + versioned ST_Covers join to communes (GIST)", "raw", await Time(() => RawBaselines.CopyAsync(ours, csv, spatialJoin: true))));
rows.Add(($"`import incidents` {count:N0} rows (validate every field, assign commune, audit)", "ours", await Time(async () =>
{
    await using var db = DiaBanDb.Create(ours);
    await new IncidentImporter(db).ImportAsync(csv);
})));

await TestDatabases.DropAsync(admin, ours);
await cluster.StopAsync();
File.Delete(csv);
File.Delete(national);

Console.WriteLine("| step | kind | seconds | × nearest raw baseline above |");
Console.WriteLine("|---|---|---:|---:|");
double? baseline = null;
foreach (var (step, kind, seconds) in rows)
{
    if (kind == "raw") baseline = seconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {kind} | {seconds:F2} | {(baseline is { } b ? seconds / b : 1):F2} |"));
}

static async Task<double> Time(Func<Task> work)
{
    var sw = Stopwatch.StartNew();
    await work();
    return sw.Elapsed.TotalSeconds;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "DiaBan.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("Run from inside the repository.");
}
