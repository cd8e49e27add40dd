using System.Globalization;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// What a walk through the pages as each role showed (session 3 review): a page a role may not open, the layout of the
/// records pages, the print button under the Content-Security-Policy, criterion codes and times of day as a user reads them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserWalkthroughTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, email);
        return page;
    }

    [Theory]
    [InlineData("police@diaban.local", "/audit")]
    [InlineData("police@diaban.local", "/incident-entries/review")]
    [InlineData("planner@diaban.local", "/patrol")]
    public async Task A_signed_in_user_on_a_page_his_role_may_not_open_is_told_so_not_sent_to_the_login_form(string email, string path)
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, email);
        var response = await page.GotoAsync(path);
        // it was the login form again (302 to /login?ReturnUrl=…), as if he had been signed out
        Assert.Equal("/access-denied", new Uri(page.Url).AbsolutePath);
        Assert.Equal(403, response!.Status);
        Assert.Contains("Không có quyền mở trang này", await page.InnerTextAsync("#access-denied h1"));
        Assert.Equal(0, await page.Locator("#password").CountAsync());
        // still signed in: the navigation and the sign-out button are there
        Assert.Equal(1, await page.Locator("header .logout button").CountAsync());
        await BrowserSteps.ScreenshotAsync(page, "review-access-denied" + path.Replace('/', '-'), output);
    }

    [Theory]
    [InlineData("/diem", ".spots-page")]
    [InlineData("/tin-bao", ".tips-page")]
    public async Task The_records_pages_keep_the_page_margin_like_every_other_page(string path, string root)
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, "police@diaban.local");
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync($"{root} h1", new() { Timeout = 60_000 });
        // the heading, the tables and the form sat flush against the window's left edge (x = 0)
        var heading = (await page.Locator($"{root} h1").BoundingBoxAsync())!;
        Assert.True(heading.X >= 16, $"{path}: h1 at x = {heading.X}");
        await BrowserSteps.ScreenshotAsync(page, "review-margin" + path.Replace('/', '-'), output);
    }

    [Fact]
    public async Task The_patrol_list_prints_under_the_content_security_policy_and_says_when_the_model_was_trained_in_vietnamese_time()
    {
        await using var context = await app.NewContextAsync();
        // the browser's print dialog is replaced by a flag: the test sees whether the button reached window.print
        await context.AddInitScriptAsync("window.print = () => { window.__printed = (window.__printed || 0) + 1; };");
        var page = await SignedInAsync(context, "leader@diaban.local");
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) blocked.Add(message.Text);
        };
        await page.GotoAsync("/patrol");
        await page.WaitForSelectorAsync("#patrol-table tbody tr", new() { Timeout = 180_000 });
        await page.ClickAsync("#print-plan");
        await page.WaitForFunctionAsync("() => window.__printed === 1", null, new() { Timeout = 10_000 });
        Assert.Empty(blocked);

        // "huấn luyện ngày dd/MM/yyyy HH:mm" in Vietnam's time, whatever the server's zone (it printed the server's)
        var info = await page.InnerTextAsync("#model-info");
        var version = int.Parse(System.Text.RegularExpressions.Regex.Match(info, @"phiên bản #(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var trained = await app.ScalarAsync<DateTime>("SELECT created_at FROM risk_model WHERE id = @id", ("id", version));
        var local = new DateTimeOffset(DateTime.SpecifyKind(trained, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(7));
        Assert.Contains($"huấn luyện ngày {local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)}", info);
    }

    [Fact]
    public async Task The_dashboard_dates_an_official_status_in_vietnamese_time()
    {
        var at = await app.ScalarAsync<DateTime>("SELECT max(official_at) FROM status_assessment WHERE official_at IS NOT NULL");
        var local = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(7));
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, "leader@diaban.local");
        await page.WaitForSelectorAsync("#card-official-changes li", new() { Timeout = 60_000 });
        Assert.Contains(local.ToString("g", Vi), await page.InnerTextAsync("#card-official-changes"));
    }

    [Fact]
    public async Task Changed_criteria_name_the_key_route_in_words_not_its_column_code()
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, "leader@diaban.local");
        await page.GotoAsync("/transitions?from=2025&to=2026");
        await page.WaitForSelectorAsync("#transition-matrix", new() { Timeout = 60_000 });
        var text = await page.InnerTextAsync("main");
        // the demo's 2025 → 2026 changes include a type II criterion "on a key route" (đ); its figure read "on_key_route 1 (= 1)"
        Assert.Contains("Nằm trên tuyến trọng điểm (1 = có, 0 = không)", text);
        Assert.DoesNotContain("on_key_route", text);
    }

    [Fact]
    public async Task A_signed_in_user_on_an_address_that_does_not_exist_sees_the_not_found_page()
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, "police@diaban.local");
        var response = await page.GotoAsync("/khong-co-trang-nay");
        Assert.Equal(404, response!.Status);
        Assert.Contains("Không tìm thấy trang", await page.InnerTextAsync("body"));
    }
}
