using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The audit log page for the administrator: Vietnamese by default, English after the language switch.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_audit_page_reads_in_vietnamese_by_default_and_in_english_after_the_language_switch()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "admin@diaban.local");
        await page.GotoAsync("/audit");
        await page.WaitForSelectorAsync("#audit-count", new() { Timeout = 120_000 });
        Assert.Equal("Nhật ký hệ thống", (await page.InnerTextAsync(".audit-page h1")).Trim());
        Assert.Matches(@"^\d+ dòng", (await page.InnerTextAsync("#audit-count")).Trim());
        Assert.Equal("Thời gian|Người thực hiện|Hành động|Đối tượng|Khóa|Chi tiết",
            string.Join("|", (await page.Locator(".audit-table thead th").AllInnerTextsAsync()).Select(h => h.Trim())));

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/audit"));
        await page.WaitForSelectorAsync("#audit-count", new() { Timeout = 120_000 });
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Audit log", (await page.InnerTextAsync(".audit-page h1")).Trim());
        Assert.Matches(@"^\d+ rows", (await page.InnerTextAsync("#audit-count")).Trim());
        Assert.Equal("Time|User|Action|Entity|Key|Details",
            string.Join("|", (await page.Locator(".audit-table thead th").AllInnerTextsAsync()).Select(h => h.Trim())));
        Assert.Equal("(all)", (await page.Locator("#audit-action option").First.InnerTextAsync()).Trim());
        Assert.Equal("e.g. leader@diaban", await page.GetAttributeAsync("#audit-actor", "placeholder"));
        Assert.Equal("Download CSV (Excel)", (await page.InnerTextAsync("#audit-csv")).Trim());
        await BrowserSteps.ScreenshotAsync(page, "95-audit-english", output);
    }
}
