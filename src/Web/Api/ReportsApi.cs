using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Reporting;
using DiaBan.Geo.Queries;
using DiaBan.Reports;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>
/// /api/reports/{period}.xlsx and .pdf: the 6-month review (2026H1) or annual summary (2026) of the caller's area,
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
        HttpContext http, ReportQueries queries, string period, CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(period, out var p)) return BadPeriod(period);
        var report = await queries.BuildAsync(p, UserAreaScope.For(http.User), ct);
        return TypedResults.File(XlsxReportWriter.ToBytes(report), XlsxReportWriter.ContentType, FileName(report, "xlsx"));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        HttpContext http, ReportQueries queries, IOptions<ReportPdfOptions> options, string period, CancellationToken ct)
    {
        if (!ReportPeriod.TryParse(period, out var p)) return BadPeriod(period);
        // a server without the browser answers 503 with the path it looked at (XLSX still works)
        if (!File.Exists(options.Value.ChromiumPath))
            return TypedResults.Problem($"Máy chủ chưa cài Chromium ({options.Value.ChromiumPath}) để in PDF; tải bản XLSX / no Chromium to print the PDF",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        var report = await queries.BuildAsync(p, UserAreaScope.For(http.User), ct);
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

    private static ProblemHttpResult BadPeriod(string period) =>
        ApiProblems.BadRequest($"period '{period}': kỳ báo cáo dạng 2026 (cả năm) hoặc 2026H1 (6 tháng) / a period like 2026 or 2026H1");
}
