using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Reporting;
using DiaBan.Geo.Queries;
using DiaBan.Reports;
using DiaBan.Web.Auth;
using DiaBan.Web.Hosting.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/reports/{period}.xlsx and .pdf: the annual summary (2026), 6-month review (2026H1), quarterly (2026Q1) or
/// monthly (2026-03) report of the caller's area,
/// the same files as `diaban report`. Read-only: building a report writes nothing to the database.
/// </summary>
public static class ReportsApi
{
    // one Chromium at a time: printing is memory-heavy and a burst of requests must not start a browser each
    private static readonly SemaphoreSlim Printer = new(1, 1);

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(DiaBanPolicies.CanReadReports);
        api.MapGet("/{period}.xlsx", XlsxAsync).WithSummary("The report as XLSX: one sheet per table, numbers with number formats, Vietnamese headers.");
        api.MapGet("/{period}.pdf", PdfAsync).WithSummary("The report as PDF (A4, status map and charts), printed by headless Chromium.");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> XlsxAsync(
        HttpContext http, ReportQueries queries, IOptions<TransitionOptions> transitions, string period, CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(period, out var p) || !ApiInput.IsYear(p.CalendarYear)) return BadPeriod(period);
        var report = await queries.BuildAsync(p, UserAreaScope.For(http.User), transitions.Value.Rule, ct);
        return TypedResults.File(XlsxReportWriter.ToBytes(report), XlsxReportWriter.ContentType, FileName(report, "xlsx"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        HttpContext http, ReportQueries queries, IOptions<ReportPdfOptions> options, IOptions<TransitionOptions> transitions, string period,
        CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(period, out var p) || !ApiInput.IsYear(p.CalendarYear)) return BadPeriod(period);
        // a server without the browser answers 503 with the path it looked at (XLSX still works)
        if (!File.Exists(options.Value.ChromiumPath))
            return TypedResults.Problem($"Máy chủ chưa cài Chromium ({options.Value.ChromiumPath}) để in PDF; tải bản XLSX / no Chromium to print the PDF",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        var report = await queries.BuildAsync(p, UserAreaScope.For(http.User), transitions.Value.Rule, ct);
        await Printer.WaitAsync(ct);
        try
        {
            return TypedResults.File(await ReportPdf.RenderAsync(report, options.Value, ct), ReportPdf.ContentType, FileName(report, "pdf"));
        }
        finally
        {
            Printer.Release();
        }
    }

    public static string FileName(Report report, string extension) => $"{report.FileStem(null)}.{extension}";

    private static ProblemHttpResult BadPeriod(string period) => ApiInput.BadPeriod(period);
}
