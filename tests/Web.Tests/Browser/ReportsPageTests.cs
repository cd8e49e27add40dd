using System.Diagnostics;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The "Báo cáo" page in a real browser: the preview, the XLSX and PDF downloads, and the PDF's pages as PNG.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Leader_previews_the_annual_report_and_downloads_its_pdf_which_renders_to_png_pages()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "leader@diaban.local");
        await page.GotoAsync("/reports");
        await page.WaitForSelectorAsync("#report-preview #table-1 tbody tr", new() { Timeout = 120_000 });
        await page.SelectOptionAsync("#report-year", "2026");
        await page.SelectOptionAsync("#report-kind", "");
        await page.ClickAsync("#report-build");
        await page.WaitForSelectorAsync("#report-preview h1:has-text('tổng kết')");

        // the preview's commune total is the database's count of communes valid at the end of 2026
        var communes = await app.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from <= '2026-12-31' AND (valid_to IS NULL OR valid_to > '2026-12-31')
            """);
        var total = await page.Locator("#table-1 tbody tr").Last.Locator("td").Nth(1).InnerTextAsync();
        Assert.Equal(communes.ToString(), total.Replace(".", ""));
        Assert.Equal(communes, await page.Locator("#report-preview svg.status-map path").CountAsync());
        Assert.Equal("/api/reports/2026.xlsx", await page.GetAttributeAsync("#report-xlsx", "href"));
        await BrowserSteps.ScreenshotAsync(page, "40-report-page", output);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#report-pdf"), new() { Timeout = 120_000 });
        Assert.Equal("bao-cao-2026.pdf", download.SuggestedFilename);
        var pdf = Path.Combine(Screenshots.Folder, "41-report-2026.pdf");
        await download.SaveAsAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));

        // pdftoppm (poppler-utils) draws each page; look at them: header, map, charts, tables, page numbers
        var prefix = Path.Combine(Screenshots.Folder, "41-report-2026-page");
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "60", "-png", pdf, prefix]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("pdftoppm did not start (apt-get install poppler-utils)");
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        var pages = Directory.GetFiles(Screenshots.Folder, "41-report-2026-page-*.png");
        Assert.True(pages.Length >= 3, $"{pages.Length} pages");
        foreach (var png in pages.Order()) output.WriteLine(png);
    }

    [Fact]
    public async Task Police_report_page_names_his_communes_and_shows_only_them_on_the_map()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
        await page.GotoAsync("/reports");
        await page.WaitForSelectorAsync("#report-preview #table-1 tbody tr", new() { Timeout = 120_000 });
        var mine = await app.StringsAsync("""SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local'""");
        Assert.Contains($"{mine.Count} xã được giao", await page.TextContentAsync(".report-area"));
        Assert.Equal(mine.Count, await page.Locator("#report-preview svg.status-map path").CountAsync());
        await BrowserSteps.ScreenshotAsync(page, "42-report-police", output);
    }

    [Fact]
    public async Task The_report_page_chrome_reads_in_english_after_the_language_switch_and_the_report_stays_vietnamese()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "leader@diaban.local");
        await page.GotoAsync("/reports");
        await page.WaitForSelectorAsync("#report-build", new() { Timeout = 120_000 });
        Assert.Equal("Báo cáo sơ kết, tổng kết, quý, tháng", (await page.InnerTextAsync(".reports-page > h1")).Trim());
        Assert.Equal("Xem báo cáo", (await page.InnerTextAsync("#report-build")).Trim());
        Assert.Equal("Quý I", (await page.Locator("#report-kind option[value='Q1']").InnerTextAsync()).Trim());
        Assert.Equal("Tháng 3", (await page.Locator("#report-kind option[value='-03']").InnerTextAsync()).Trim());

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/reports"));
        await page.WaitForSelectorAsync("#report-preview #table-1 tbody tr", new() { Timeout = 120_000 });
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Half-year, annual, quarterly and monthly reports", (await page.InnerTextAsync(".reports-page > h1")).Trim());
        Assert.Equal("View report", (await page.InnerTextAsync("#report-build")).Trim());
        Assert.Equal("Download PDF", (await page.InnerTextAsync("#report-pdf")).Trim());
        Assert.Equal(["First half-year review", "Second half of the year", "Annual review", "Quarter 1"],
            (await page.Locator("#report-kind option").AllInnerTextsAsync()).Take(4).Select(o => o.Trim()));
        Assert.Equal("March", (await page.Locator("#report-kind option[value='-03']").InnerTextAsync()).Trim());
        // the preview is the official document: Vietnamese whatever the UI language
        Assert.Contains("Báo cáo", await page.InnerTextAsync("#report-preview h1"));
    }
}
