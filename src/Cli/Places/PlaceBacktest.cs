using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Demo.Simulation;
using DiaBan.Geo.Queries;
using Npgsql;

namespace DiaBan.Cli.Places;

/// <summary>
/// `diaban model backtest --grid 250 --horizon week|month --from YYYYQn --to YYYYQn [--simulated] [--format json]`: the
/// cell backtest (<see cref="CellBacktest"/>) with one origin per week or month of the quarters. --simulated runs it on the
/// seeded place world of src/Demo (<see cref="PlaceWorld"/>: 2023–2025, cells of the asked size); otherwise the grid,
/// incidents and context are read from the database by <see cref="PlaceQueries.ScoringInputAsync"/> (build the grid first).
/// </summary>
public static class PlaceBacktest
{
    public sealed record Arguments(CalendarQuarter From, CalendarQuarter To, int CellSizeM, ForecastHorizon Horizon, bool Simulated, int Seed, bool Json);

    public static async Task<int> RunAsync(CliContext ctx, Arguments a, CancellationToken ct)
    {
        if (!a.Simulated) return await OnDatabaseAsync(ctx, a, ct);
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

    // The whole database (the CLI is the operator's tool): the squares valid on the last day, every incident before it, and
    // the dated context — each fold and each of the model's training origins reads the businesses and spots open on its
    // own date (PlaceQueries.ScoringInputAsync's ContextAt), never those known later.
    private static async Task<int> OnDatabaseAsync(CliContext ctx, Arguments a, CancellationToken ct)
    {
        var end = a.To.EndExclusive;
        await using var source = NpgsqlDataSource.Create(await ctx.ConnectionStringAsync(ct));
        var input = await ctx.Terminal.StepAsync("reading the grid and incidents / đang đọc lưới ô và vụ việc…",
            _ => new PlaceQueries(source).ScoringInputAsync(AreaScope.Everything, a.CellSizeM, end, a.Horizon, ct: ct));
        if (input.Cells.Count == 0)
            throw new InvalidOperationException(FormattableString.Invariant(
                $"no {a.CellSizeM} m grid in the database: run `diaban grid build --size {a.CellSizeM}` first / chưa có lưới ô {a.CellSizeM} m"));
        var first = input.History.Count > 0 ? input.History.Min(e => e.Date) : end;
        if (a.From.Start <= first.AddDays(365))
            throw new CliUsageException(FormattableString.Invariant(
                $"incidents start {first:yyyy-MM-dd}; forecast quarters must leave a year of history / cần ít nhất một năm dữ liệu trước --from"));
        var origins = CellBacktest.Origins(a.From.Start, end, a.Horizon);
        var data = new CellBacktestData(input.Cells, input.CellSizeM, input.History, input.ContextAt ?? (_ => input.Context));
        var run = await ctx.Terminal.StepAsync(FormattableString.Invariant(
                $"backtesting {origins.Count} {(a.Horizon == ForecastHorizon.Week ? "weeks" : "months")} on {input.Cells.Count} cells / đang kiểm định…"),
            _ => Task.Run(() => CellBacktest.Run(data, origins, new CellBacktestOptions { Horizon = a.Horizon }), ct));
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
