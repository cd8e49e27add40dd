using DiaBan.Bench.Stats;

// dotnet run -c Release --project bench/Stats -- run [vnFolder] --out DIR --tag NAME   (time our engine, write results)
// dotnet run -c Release --project bench/Stats -- report --out DIR                      (compare with spdep, print markdown)
var arguments = args.ToList();
string Option(string name, string fallback)
{
    var at = arguments.IndexOf(name);
    if (at < 0 || at + 1 >= arguments.Count) return fallback;
    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}

var output = Option("--out", Path.Combine(Path.GetTempPath(), "diaban-stats-bench"));
var tag = Option("--tag", "all-cores");
var command = arguments.Count > 0 ? arguments[0] : "run";
Directory.CreateDirectory(output);
switch (command)
{
    case "run":
        var folder = arguments.Count > 1 ? arguments[1] : RepositoryPaths.DefaultVnFolder();
        StatsBenchmark.Run(Path.Combine(folder, "communes_pre2025_national.geojson"), Path.Combine(folder, "communes_pre2025_ca_mau.geojson"), output, tag);
        break;
    case "report":
        Console.WriteLine(BenchReport.Markdown(output));
        break;
    default:
        Console.Error.WriteLine("usage: run [vnFolder] --out DIR --tag NAME | report --out DIR");
        return 2;
}
return 0;
