using System.Net;
using DiaBan.Analytics.Reporting;
using Microsoft.Playwright;

namespace DiaBan.Reports;

/// <summary>
/// The report as PDF: <see cref="ReportDocument"/> printed by headless Chromium (A4 portrait; the area and period in
/// every page's header, page numbers in the footer). No PDF engine of our own.
/// </summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    public static async Task<byte[]> RenderAsync(Report report, ReportPdfOptions options, CancellationToken ct = default)
    {
        if (!File.Exists(options.ChromiumPath))
            throw new InvalidOperationException($"Không tìm thấy Chromium tại {options.ChromiumPath} / no Chromium at {options.ChromiumPath} (ReportPdf:ChromiumPath or CHROMIUM_PATH)");
        var html = await ReportHtml.RenderAsync(report);
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.ChromiumPath,
            Headless = true,
            Args = options.Arguments,
            Timeout = options.TimeoutSeconds * 1000,
        });
        ct.ThrowIfCancellationRequested();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { JavaScriptEnabled = false, Offline = true });
        page.SetDefaultTimeout(options.TimeoutSeconds * 1000);
        await page.SetContentAsync(html);
        ct.ThrowIfCancellationRequested();
        // header and footer templates are HTML: the area name comes from data, so it is encoded
        var header = WebUtility.HtmlEncode($"{report.AreaName} — {report.Title}");
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            Landscape = false,
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = $"<div style=\"font-size:8pt;width:100%;padding:0 14mm;color:#333\">{header}</div>",
            FooterTemplate = "<div style=\"font-size:8pt;width:100%;text-align:center;color:#333\">Trang <span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
            Margin = new Margin { Top = "18mm", Bottom = "16mm", Left = "14mm", Right = "14mm" },
        });
    }
}
