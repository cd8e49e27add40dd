using System.Diagnostics;
using System.Globalization;
using DiaBan.Analytics.Risk;
using DiaBan.Demo.Simulation;
using DiaBan.Bench;
using DiaBan.Bench.Risk;

// Console harness (not BenchmarkDotNet: one national training run takes tens of seconds, so a few timed repetitions
// with the median are the honest measure). Usage: dotnet run -c Release --project bench/Risk -- [units] [quarters] [province]
// or "-- backtest [units] [quarters] [seed]" for the rolling-origin backtest report of a synthetic panel.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "backtest")
{
    var world = SyntheticWorld.Create(new SyntheticPanelOptions
    {
        Units = args.Length > 1 ? int.Parse(args[1]) : 150,
        Quarters = args.Length > 2 ? int.Parse(args[2]) : 24,
        Seed = args.Length > 3 ? int.Parse(args[3]) : 1,
    }).Observe();
    var run = Backtest.Run(world.Panel, world.Points, world.Centroids);
    Console.WriteLine($"{run.Folds.Count} folds, KDE bandwidth {run.KdeBandwidthM:F0} m");
    Console.WriteLine(run.Report.ToJson(indented: true));
    return;
}
int units = args.Length > 0 ? int.Parse(args[0]) : 11_163;
int quarters = args.Length > 1 ? int.Parse(args[1]) : 28;
int provinceUnits = args.Length > 2 ? int.Parse(args[2]) : 100;

Console.WriteLine($"Risk benchmark: {units} units × {quarters} quarters, province of {provinceUnits}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Warmup.Run();

var clock = Stopwatch.StartNew();
var national = SyntheticWorld.Create(new SyntheticPanelOptions { Units = units, Quarters = quarters, Seed = 2025 }).Observe();
var province = SyntheticWorld.Create(new SyntheticPanelOptions { Units = provinceUnits, Quarters = quarters, Seed = 7 }).Observe();
Console.WriteLine($"synthetic panels generated in {clock.Elapsed.TotalSeconds:F1} s ({national.Points.Count:N0} incidents)");

var panel = national.Panel;
int origin = panel.Quarters[^1];
var rows = new Measurements();

rows.Add("4-quarter-mean baseline, national (raw loop over the count cube)", "raw", Measure.Median(5, () => RawBaselines.Mean4Q(panel)));
rows.Add("feature assembly, national (patrol-effort fit + every training row)", "ours", Measure.Median(3, () => RawBaselines.AssembleAll(panel)));
var matrix = RawBaselines.TrainingMatrix(panel);
rows.Add($"bare FastTree binary fit on the prebuilt matrix ({matrix.Rows:N0} × {matrix.Features})", "raw", Measure.Once(() => RawBaselines.FitBare(matrix)));
rows.Add("RiskModel.Train national, lean (classifier + probes + stack + count)", "ours",
    Measure.Once(() => RiskModel.Train(panel, origin, new RiskOptions { UncertaintyMembers = 0, TrainStatusModel = false })));
RiskModel? model = null;
rows.Add("RiskModel.Train national, full defaults (+ status model, 5 jackknife members)", "ours",
    Measure.Once(() => model = RiskModel.Train(panel, origin)));

var provinceBare = RawBaselines.ScoringMatrix(province.Panel);
var bare = RawBaselines.FitBare(RawBaselines.TrainingMatrix(province.Panel));
rows.Add($"bare FastTree transform of {provinceUnits} prebuilt rows", "raw", Measure.Median(7, () => RawBaselines.ScoreBare(bare, provinceBare)));
rows.Add($"RiskModel.Score province ({provinceUnits} units: features, P + contributions, count, status, 5 members)", "ours",
    Measure.Median(7, () => model!.Score(province.Panel, province.Panel.Quarters[^1])));

Console.WriteLine();
Console.WriteLine(rows.ToMarkdown());
Console.WriteLine($"Training window {model!.Version.TrainingWindow}, {model.Version.TrainingRows:N0} rows, hold-out AUC {model.Version.Metrics.GetValueOrDefault("holdout_auc"):F3}");
