using System.CommandLine;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Reporting;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Reports;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Cli.Commands;

/// <summary>
/// `diaban report --period 2026|2026H1|2026Q1|2026-03 [--province CODE] --format xlsx|pdf --out FILE`: the 6-month review (sơ kết) or
/// annual summary (tổng kết) of a province, written from the same model as the web's "Báo cáo" page.
/// </summary>
public sealed class ReportCommand : ICommandGroup
{
    public string Name => "report";

    public Command Build()
    {
        var period = CliOptions.Parsed<ReportPeriod>("--period",
            "2026 (annual summary / tổng kết năm), 2026H1 (6-month review / sơ kết 6 tháng), 2026Q1 (quarter / quý) or 2026-03 (month / tháng)",
            "2026|2026H1|2026Q1|2026-03", true, ReportPeriod.Parse);
        var province = CliOptions.Text("--province", "the province's code (default: every commune in the database) / mã tỉnh", "CODE");
        var format = CliOptions.Choice("--format", "file format / định dạng tệp", ["xlsx", "pdf"], required: true);
        var output = CliOptions.Text("--out", "the file to write / tệp kết quả", "FILE", required: true);
        var command = new Command(Name,
            "write the annual, 6-month, quarterly or monthly report / lập báo cáo tổng kết năm, sơ kết 6 tháng, quý hoặc tháng.\n" +
            "Tables of DOMAIN.md §6 (communes by status, transitions, key communes, incidents, spots, plants, people, tips,\n" +
            "targets) as XLSX (one sheet per table) or PDF (A4, with the status map and charts; needs Chromium, CHROMIUM_PATH).")
        {
            period, province, format, output,
        };
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            var chosen = p.GetValue(period)!.Value;
            var code = p.GetValue(province);
            var file = Path.GetFullPath(p.GetValue(output)!);
            await using var db = await ctx.OpenDbAsync(ct);
            if (code is not null && !await db.AdminUnits.AnyAsync(u => u.Code == code && u.Level == UnitLevel.Province, ct))
                throw new CliUsageException($"--province '{code}': không có tỉnh mã này / no province with this code");
            await using var source = NpgsqlDataSource.Create(await ctx.ConnectionStringAsync(ct));
            // the stated default rule (worst of the predecessors) for merged communes' last-year status; the report names it
            var queries = new ReportQueries(source, new TargetQueries(source, db, TimeProvider.System), new TransitionQueries(source),
                new RecognitionQueries(source, db), new CompletenessQueries(source), TimeProvider.System);
            var report = await ctx.Terminal.StepAsync($"report {chosen} / lập báo cáo", _ =>
                queries.BuildAsync(chosen, code is null ? AreaScope.Everything : AreaScope.Province(code), PredecessorRule.Worst, ct));
            var bytes = p.GetValue(format) == "pdf"
                ? await ReportPdf.RenderAsync(report, new ReportPdfOptions(), ct)
                : XlsxReportWriter.ToBytes(report);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, bytes, ct);
            ctx.Out.WriteLine($"{file}: {report.AreaName}, {report.Title}, {report.Tables.Count} bảng / tables, {bytes.Length:N0} bytes");
            return DiaBanCli.Ok;
        });
        return command;
    }
}
