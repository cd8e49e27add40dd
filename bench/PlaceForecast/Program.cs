using System.Diagnostics;
using System.Globalization;
using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;
using DiaBan.Bench;
using DiaBan.Bench.PlaceForecast;

// Place-level forecasting (issue 10). Console harness, a few timed repetitions with the median (one training is seconds).
//   dotnet run -c Release --project bench/PlaceForecast -- perf [columns] [rows]       features + scoring a week, training, on a 400 × 200 = 80,000-cell province
//   dotnet run -c Release --project bench/PlaceForecast -- backtest [week|month] [seeds 1,2,3] [columns] [rows]  backtest of 2025 per seed (JSON, per-fold lines) and the accuracy table
//   dotnet run -c Release --project bench/PlaceForecast -- train [columns] [rows]     the cell model's training alone on the perf province, parts timed
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var verb = args.Length > 0 ? args[0] : "perf";
if (verb == "backtest")
{
    // backtest [week|month] [seeds, e.g. 1,2,3] [columns] [rows]: the monthly (or weekly) backtest of 2025 on each seed's
    // world, per-seed JSON, then the PAI curve and PEI* per seed, their mean over seeds, and the ratios of the means
    var horizon = args.Length > 1 && args[1] == "month" ? ForecastHorizon.Month : ForecastHorizon.Week;
    int[] seeds = args.Length > 2 ? args[2].Split(',').Select(int.Parse).ToArray() : [1];
    int cols = args.Length > 3 ? int.Parse(args[3]) : 40, rws = args.Length > 4 ? int.Parse(args[4]) : cols;
    var clock = Stopwatch.StartNew();
    var reports = new List<(int Seed, CellBacktestReport Report)>();
    foreach (var seed in seeds)
    {
        var world = PlaceWorld.Create(new PlaceWorldOptions { Seed = seed, Columns = cols, Rows = rws });
        Console.WriteLine($"seed {seed} world: {world.Cells.Count} cells, {world.Events.Count} incidents ({world.Triggered} triggered), {world.HotSpots.Count} hot spots, {world.Businesses.Count} businesses; before triggering {world.Immigrants}; {clock.Elapsed.TotalSeconds:F1} s");
        var origins = CellBacktest.Origins(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), horizon);
        var run = CellBacktest.Run(new CellBacktestData(world.Cells, world.Options.CellSizeM, world.Events, world.ContextAt), origins,
            new CellBacktestOptions { Horizon = horizon }, new Progress<string>(Console.Error.WriteLine));
        Console.WriteLine(run.Report.ToJson(indented: true));
        Console.WriteLine($"ETAS fits: θ {run.Etas.Average(e => e.Theta):F2}, 1/ω {run.Etas.Average(e => 1 / e.Omega):F1} d, σ {run.Etas.Average(e => e.SigmaM):F0} m (true {world.Options.Branching}, {world.Options.TriggerDays} d, {world.Options.TriggerSigmaM} m); {clock.Elapsed.TotalSeconds:F1} s");
        reports.Add((seed, run.Report));
    }
    Console.WriteLine();
    Console.WriteLine(Accuracy.Table(reports));
    return;
}

if (verb == "train")
{
    // train [columns] [rows]: only the cell model's training on the perf province, with its parts timed beside a raw pass
    int tc = args.Length > 1 ? int.Parse(args[1]) : 400, tr = args.Length > 2 ? int.Parse(args[2]) : 200;
    var w = PlaceWorld.Create(new PlaceWorldOptions { Columns = tc, Rows = tr, CommuneCells = 20, Seed = 11, BackgroundPerKm2Year = 1.5 });
    var at = new DateOnly(2025, 12, 1);
    var trainInput = w.InputAt(at, ForecastHorizon.Week);
    Console.WriteLine($"train: {trainInput.Cells.Count:N0} cells, {trainInput.History.Count:N0} incidents before {at:yyyy-MM-dd}; load {File.ReadAllText("/proc/loadavg").Trim()}");
    var table = new Measurements();
    table.AddTimed("bare count-per-cell pass over the last year (3 runs)", "raw", () => { for (int k = 0; k < 3; k++) RawCount(trainInput); });
    var sortedHistory = trainInput.History.OrderBy(e => e.Date).ToArray();
    table.AddTimed("ETAS EM fit on two years (part of training)", "ours", () => new EtasScorer().FitModel(sortedHistory, at));
    var fitted = new EtasScorer().FitModel(sortedHistory, at);
    var r0 = new CellRaster(trainInput.Cells, trainInput.CellSizeM);
    var c0 = CellFeatures.StaticOf(r0, trainInput.Cells, trainInput.Context);
    table.AddTimed("context features (distances, 250 m counts) at one origin", "ours",
        () => CellFeatures.StaticOf(r0, trainInput.Cells, trainInput.ContextOn(at.AddDays(-14))));
    table.AddTimed("CellFeatures at one origin (one of the training origins)", "ours",
        () => CellFeatures.At(r0, trainInput.Cells, sortedHistory, at.AddDays(-14), (200, 14), c0, fitted.Parameters, 7));
    var trained = new CellModelScorer(new CellModelOptions { RetrainDays = 365 });
    table.AddTimed("cell model: whole training (Knox, ETAS fit, context and features at every origin, FastTree) + first scoring", "ours", () => trained.Score(trainInput));
    Console.WriteLine();
    Console.WriteLine(table.ToMarkdown());
    Console.WriteLine($"training rows {trained.Version!.Rows:N0} over {trained.Version.Origins} origins; load {File.ReadAllText("/proc/loadavg").Trim()}");
    return;
}

// perf: an 80,000-cell province (400 × 200 cells of 250 m = 5,000 km², 200 communes of 25 km²), three years of incidents
int columns = args.Length > 1 ? int.Parse(args[1]) : 400, rows = args.Length > 2 ? int.Parse(args[2]) : 200;
Console.WriteLine($"Places benchmark: {columns * rows:N0} cells; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
var gen = Stopwatch.StartNew();
var province = PlaceWorld.Create(new PlaceWorldOptions { Columns = columns, Rows = rows, CommuneCells = 20, Seed = 11, BackgroundPerKm2Year = 1.5 });
var from = new DateOnly(2025, 12, 1);
var input = province.InputAt(from, ForecastHorizon.Week);
Console.WriteLine($"world generated in {gen.Elapsed.TotalSeconds:F1} s: {province.Events.Count:N0} incidents, {input.History.Count:N0} before {from:yyyy-MM-dd}, {input.Context.OpenSpots.Count} open spots, {input.Context.Businesses.Count} businesses");
var rowsOut = new Measurements();
rowsOut.Add("bare count-per-cell pass over the last year (hash of the square → cell, one array)", "raw", Measure.Median(5, () => RawCount(input)));
rowsOut.Add("CellFeatures: raster + context distances + all 22 features at one origin", "ours", Measure.Median(3, () =>
{
    var raster = new CellRaster(input.Cells, input.CellSizeM);
    var context = CellFeatures.StaticOf(raster, input.Cells, input.Context);
    return CellFeatures.At(raster, input.Cells, input.History.OrderBy(e => e.Date).ToArray(), from, (200, 14), context);
}));
rowsOut.Add("last period baseline, scoring a week", "ours", Measure.Median(3, () => new LastPeriodScorer().Score(input)));
rowsOut.Add("KDE baseline (h = 150 m), scoring a week", "ours", Measure.Median(3, () => new KdeHotSpotScorer(150).Score(input)));
rowsOut.Add("ETAS baseline: EM fit on two years + scoring a week", "ours", Measure.Once(() => new EtasScorer().Score(input)));
var model = new CellModelScorer(new CellModelOptions { RetrainDays = 365 });
rowsOut.Add("cell model: training (Knox 99 perm., ETAS fit, 26 weekly origins of features, FastTreeTweedie) + first scoring", "ours", Measure.Once(() => model.Score(input)));
rowsOut.Add("cell model: scoring a week (features, ML.NET transform, reasons for the top 500 cells)", "ours", Measure.Median(3, () => model.Score(input)));
Console.WriteLine();
Console.WriteLine(rowsOut.ToMarkdown());
Console.WriteLine($"training rows {model.Version!.Rows:N0} over {model.Version.Origins} origins; near-repeat extent {model.Version.NearRepeat}; ETAS θ {model.Version.Etas!.Theta:F2}");

static int RawCount(CellScoringInput input)
{
    var index = new CellIndex(input.Cells, input.CellSizeM);
    var count = new int[input.Cells.Count];
    var start = input.From.AddDays(-365);
    foreach (var e in input.History)
        if (e.Date >= start && index.Locate(e.X, e.Y) is int i) count[i]++;
    return count.Sum();
}
