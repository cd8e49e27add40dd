using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;

namespace DiaBan.Cli.Places;

/// <summary>
/// `diaban model backtest --grid 250 --horizon week|month --from YYYYQn --to YYYYQn [--simulated] [--format json]`: the
/// cell backtest (<see cref="CellBacktest"/>) with one origin per week or month of the quarters. --simulated runs it on the
/// seeded place world of src/Demo (<see cref="PlaceWorld"/>: 2023–2025, cells of the asked size); the database path reads
/// the grid, incidents and context through the Geo grid loader (issue 10, branch grid) and is refused until it exists.
/// </summary>
public static class PlaceBacktest
{
    public sealed record Arguments(CalendarQuarter From, CalendarQuarter To, int CellSizeM, ForecastHorizon Horizon, bool Simulated, int Seed, bool Json);

    public static async Task<int> RunAsync(CliContext ctx, Arguments a, CancellationToken ct)
    {
        if (!a.Simulated)
            throw new InvalidOperationException(
                "the grid backtest on the database needs the PostGIS grid and its loader (issue 10), not on this build yet; use --simulated / chưa có lưới ô trong CSDL, dùng --simulated");
        var world = PlaceWorld.Create(new PlaceWorldOptions { Seed = a.Seed, CellSizeM = a.CellSizeM,
            Columns = (int)Math.Round(10_000.0 / a.CellSizeM), Rows = (int)Math.Round(10_000.0 / a.CellSizeM),
            CommuneCells = Math.Max(1, (int)Math.Round(2_500.0 / a.CellSizeM)) });
        // the world's last simulated day closes the last quarter asked for (a horizon past it has no outcome)
        var end = a.To.EndExclusive < world.End ? a.To.EndExclusive : world.End;
        var origins = CellBacktest.Origins(a.From.Start, end, a.Horizon);
        if (a.From.Start <= world.Start.AddDays(365) || a.To.Start >= world.End)
            throw new CliUsageException(FormattableString.Invariant(
                $"the simulated world runs {world.Start:yyyy-MM-dd}…{world.End:yyyy-MM-dd}; forecast quarters must leave a year of history: e.g. --from 2024Q2 --to {CalendarQuarter.Of(world.End.AddDays(-1))} / ngoài khoảng mô phỏng"));
        if (origins.Count == 0) throw new CliUsageException("no whole horizon fits in --from..--to / không có kỳ dự báo nào");
        var run = await ctx.Terminal.StepAsync(FormattableString.Invariant(
                $"backtesting {origins.Count} {(a.Horizon == ForecastHorizon.Week ? "weeks" : "months")} on {world.Cells.Count} cells / đang kiểm định…"),
            _ => Task.Run(() => CellBacktest.Run(new CellBacktestData(world.Cells, world.Options.CellSizeM, world.Events, world.ContextAt), origins,
                new CellBacktestOptions { Horizon = a.Horizon }), ct));
        ctx.Out.WriteLine(a.Json ? run.Report.ToJson() : Markdown(run.Report));
        return DiaBanCli.Ok;
    }

    public static string Markdown(CellBacktestReport r)
    {
        static string F(double? v) => v is double d ? d.ToString("0.00", CultureInfo.InvariantCulture) : "–";
        string Row(string name, Analytics.Risk.MethodMetrics m) =>
            $"| {name} | {F(m.PaiAt(0.005))} | {F(m.PaiAt(0.01))} | {F(m.PaiAt(0.05))} | {F(m.PaiAt(0.1))} | {F(m.PeiStarAt(0.01))} | {F(m.PeiStarAt(0.05))} | {F(m.HitRateAt(0.05))} | {F(m.Auc)} |";
        return string.Join('\n',
            "| method | PAI@0.5% | PAI@1% | PAI@5% | PAI@10% | PEI*@1% | PEI*@5% | hit rate@5% | AUC |",
            "|---|---|---|---|---|---|---|---|---|",
            Row("cell model (ML.NET)", r.Model),
            Row("last period", r.Baselines.LastPeriod),
            Row("KDE", r.Baselines.Kde),
            Row("ETAS", r.Baselines.Etas),
            "",
            FormattableString.Invariant($"{r.Folds} folds ({r.Horizon}), {r.Cells} cells of {r.GridM:0} m, {r.TestIncidents} test incidents, KDE bandwidths {string.Join("/", r.KdeBandwidthM)} m"));
    }
}
