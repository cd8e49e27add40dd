using System.Text;
using System.Text.Json;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The patrol priority page in a real browser: ranked list, map, explanation, CSV download, recorded exposure.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PatrolPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";

    [Fact]
    public async Task Leader_sees_the_ranked_list_and_map_the_api_gives_and_downloads_it_as_csv()
    {
        await using var context = await app.NewContextAsync();
        var page = await LogInAsync(context, Leader);
        await page.GotoAsync("/patrol");
        // the app does not prepare at start in tests: unless the other test came first, the page says it is preparing
        var first = await page.WaitForSelectorAsync("#patrol-preparing, #patrol-table", new() { Timeout = 120_000 });
        if (await first!.GetAttributeAsync("id") == "patrol-preparing")
        {
            Assert.Contains("Đang chuẩn bị", await first.InnerTextAsync());
            await Screenshot(page, "09-patrol-preparing");
        }
        await page.WaitForSelectorAsync("#patrol-table tbody tr", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#status-map[data-units-key]:not([data-units-key=''])");

        // the page shows the same plan as the API for the same user and settings
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        using var api = JsonDocument.Parse(await PreparedAnswer.GetStringAsync(client, "/api/patrol?capacity=10&exploration=0.2"));
        var rows = api.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(10, rows.Length);
        Assert.Equal(2, rows.Count(r => r.GetProperty("exploration").GetBoolean()));
        var codes = await page.Locator("#patrol-table tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.code)");
        Assert.Equal(rows.Select(r => r.GetProperty("code").GetString()), codes);

        // every commune of the province is on the map, and the first commune's explanation is visible
        var communes = await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL");
        Assert.Equal(communes.ToString(), await page.GetAttributeAsync("#status-map", "data-feature-count"));
        var explanation = page.Locator("#patrol-table tbody tr").First.Locator("td.explanation");
        Assert.True(await explanation.IsVisibleAsync());
        Assert.Equal(rows[0].GetProperty("explanation").GetString(), (await explanation.InnerTextAsync()).Trim());
        Assert.StartsWith("Ưu tiên theo nguy cơ (hạng 1/", rows[0].GetProperty("explanation").GetString());
        Assert.Contains("thăm dò", await page.InnerTextAsync("#exploration-note"));
        Assert.Contains("Mô hình phiên bản #", await page.InnerTextAsync("#model-info"));
        await Screenshot(page, "10-patrol-leader");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-csv"));
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("hang,ma_xa,ten_xa,xac_suat", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.StartsWith($"1,{rows[0].GetProperty("code").GetString()},", lines[1]);

        // leaders see priority share against population share per commune kind, for each recent quarter
        await page.ClickAsync("#load-fairness");
        await page.WaitForSelectorAsync("#fairness-table tbody tr", new() { Timeout = 120_000 });
        var groups = await page.Locator("#fairness-table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Contains("xã", groups);
        Assert.Contains("phường", groups);
        await Screenshot(page, "12-patrol-fairness");
    }

    [Fact]
    public async Task Police_sees_only_its_communes_and_recording_the_plan_writes_exposure_and_audit()
    {
        await using var context = await app.NewContextAsync();
        var page = await LogInAsync(context, "police@diaban.local");
        await page.GotoAsync("/patrol");
        await page.WaitForSelectorAsync("#patrol-table tbody tr", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#status-map[data-units-key]:not([data-units-key=''])");
        Assert.Equal(DemoAccounts.PoliceCommuneCount, await page.Locator("#patrol-table tbody tr").CountAsync());
        Assert.Equal(DemoAccounts.PoliceCommuneCount.ToString(), await page.GetAttributeAsync("#status-map", "data-feature-count"));
        Assert.Equal(0, await page.Locator("#fairness").CountAsync());

        var before = await app.ScalarAsync<long>("SELECT count(*) FROM patrol_exposure");
        await page.ClickAsync("#record-plan");
        await page.WaitForSelectorAsync("#record-status");
        Assert.Equal(before + DemoAccounts.PoliceCommuneCount, await app.ScalarAsync<long>("SELECT count(*) FROM patrol_exposure"));
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'patrol_exposure' AND actor = 'web:police@diaban.local'") >= 1);
        await Screenshot(page, "11-patrol-police");
    }

    [Fact]
    public async Task The_patrol_page_is_vietnamese_by_default_and_follows_the_language_switch()
    {
        await using var context = await app.NewContextAsync();
        var page = await LogInAsync(context, Leader);
        await page.GotoAsync("/patrol");
        await page.WaitForSelectorAsync("#patrol-table tbody tr", new() { Timeout = 120_000 });
        Assert.StartsWith("Ưu tiên tuần tra quý ", await page.InnerTextAsync("h1"));
        Assert.Equal("Hạng|Xã/phường|Xác suất có vụ việc|Số vụ dự báo|Lý do|Thăm dò",
            string.Join("|", await page.Locator("#patrol-table thead th").AllInnerTextsAsync()));

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/patrol"));
        await page.WaitForSelectorAsync("#patrol-table tbody tr", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#status-map[data-units-key]:not([data-units-key=''])");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Matches(@"^Patrol priorities Q[1-4] \d{4}$", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("Rank|Commune/ward|Probability of an incident|Forecast incidents|Reasons|Exploration",
            string.Join("|", await page.Locator("#patrol-table thead th").AllInnerTextsAsync()));
        Assert.Equal("Rebuild the list", (await page.InnerTextAsync(".patrol-controls button[type=submit]")).Trim());
        Assert.StartsWith("Why are some low-ranked communes on the list?", await page.InnerTextAsync("#exploration-note"));
        Assert.StartsWith("Model version #", await page.InnerTextAsync("#model-info"));
        Assert.StartsWith("Risk priority (rank 1/", (await page.Locator("#patrol-table tbody tr td.explanation").First.InnerTextAsync()).Trim());
        // numbers in English: "72%", "0.4" (a decimal point, not the Vietnamese comma)
        Assert.Matches(@"^\d+\.\d$", (await page.Locator("#patrol-table tbody tr td:nth-child(4)").First.InnerTextAsync()).Trim());
        // the page's own texts (not the commune names, which are Vietnamese in both languages)
        var texts = string.Join("\n", await page.InnerTextAsync(".patrol-controls"), await page.InnerTextAsync("#exploration-note"),
            await page.InnerTextAsync("#model-info"), await page.InnerTextAsync(".patrol-map p.muted"), await page.InnerTextAsync("#fairness"));
        foreach (var vietnamese in new[] { "Năng lực", "Tỷ lệ", "thăm dò", "Mô hình", "Hạng", "Lý do", "Công bằng", "Xem bảng" })
            Assert.DoesNotContain(vietnamese, texts);
        await Screenshot(page, "13-patrol-english");

        // the fairness table's groups (unit kinds Geo names in Vietnamese) are worded in English too
        await page.ClickAsync("#load-fairness");
        await page.WaitForSelectorAsync("#fairness-table tbody tr", new() { Timeout = 120_000 });
        Assert.StartsWith("Fairness of allocation (last ", await page.InnerTextAsync("#fairness h2"));
        var groups = await page.Locator("#fairness-table tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Contains("commune", groups);
        Assert.Contains("ward", groups);
        Assert.DoesNotContain("xã", groups);
    }

    private static async Task<IPage> LogInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, email);
        return page;
    }

    private Task Screenshot(IPage page, string name) => BrowserSteps.ScreenshotAsync(page, name, output);
}
