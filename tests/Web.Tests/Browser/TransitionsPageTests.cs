using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiaBan.Web.Tests.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The leader's start page, the transition matrix (a click into a cell lists the API's communes), the two map modes with
/// synchronised pan and zoom, and Vietnamese first whatever the browser's language.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TransitionsPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";

    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, email);
        return page;
    }

    [Fact]
    public async Task A_leader_lands_on_the_dashboard_with_key_communes_as_the_api_counts_them_and_a_planner_on_the_map()
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, Leader);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
        await page.WaitForSelectorAsync("#card-key-communes tr[data-status]", new() { Timeout = 60_000 });
        var year = int.Parse((await page.GetAttributeAsync("#dashboard", "data-year"))!);

        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var statuses = await StatusCodesAsync(client, year);
        var previous = await StatusCodesAsync(client, year - 1);
        foreach (var status in new[] { "key_type_i", "key_type_ii", "key_type_iii" })
        {
            var row = page.Locator($"#card-key-communes tr[data-status='{status}']");
            Assert.Equal(statuses.Count(s => s == status).ToString(), await row.GetAttributeAsync("data-count"));
            Assert.Equal((statuses.Count(s => s == status) - previous.Count(s => s == status)).ToString(), await row.GetAttributeAsync("data-delta"));
        }
        // the drug-free share in Vietnamese number format (decimal comma)
        Assert.Matches(DrugFreeShareText(), (await page.InnerTextAsync("#card-drug-free .big")).Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#card-completeness", "data-wired"));
        // pending recognitions as the API counts them in the leader's area (the demo seeds cases at several steps)
        var pending = await client.GetFromJsonAsync<JsonElement>("/api/recognitions/pending");
        Assert.Equal(pending.GetProperty("awaitingAppraisal").GetInt32().ToString(), await page.GetAttributeAsync("#card-recognitions", "data-appraisal"));
        Assert.Equal(pending.GetProperty("awaitingDecision").GetInt32().ToString(), await page.GetAttributeAsync("#card-recognitions", "data-decision"));
        Assert.True(pending.GetProperty("total").GetInt32() > 0, "the demo seeds pending recognitions");
        Assert.Equal(pending.GetProperty("total").GetInt32().ToString(), (await page.InnerTextAsync("#card-recognitions .big")).Trim());
        Assert.Equal("/cong-nhan", await page.GetAttributeAsync("#to-recognitions", "href"));
        var worsened = await client.GetFromJsonAsync<JsonElement>($"/api/transitions?from={year - 1}&to={year}");
        Assert.Equal(worsened.GetProperty("worsened").GetArrayLength().ToString(), await page.GetAttributeAsync("#card-worsened", "data-count"));
        await BrowserSteps.ScreenshotAsync(page, "30-dashboard-leader", output);

        await using var plannerContext = await app.NewContextAsync();
        var planner = await SignedInAsync(plannerContext, "planner@diaban.local");
        await planner.WaitForSelectorAsync("#status-map[data-units-key]:not([data-units-key=''])", new() { Timeout = 60_000 });
        Assert.Equal(0, await planner.Locator("#dashboard").CountAsync());
    }

    [Fact]
    public async Task The_matrix_shows_the_api_cells_and_a_click_into_a_cell_lists_its_communes_as_links_into_the_map()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/transitions?from=2024&to=2025");
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, Leader);
        await page.GotoAsync("/transitions?from=2024&to=2025");
        await page.WaitForSelectorAsync("#transition-matrix", new() { Timeout = 60_000 });
        Assert.Equal(api.GetProperty("total").GetInt32().ToString(), await page.GetAttributeAsync("#transition-matrix", "data-total"));
        Assert.Equal("worst", await page.GetAttributeAsync("#stated-rule", "data-rule"));

        var cells = api.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(cells.Count, await page.Locator("#transition-matrix .cell-button").CountAsync());
        // the off-diagonal cell with most communes: where the change is
        var cell = cells.Where(c => c.GetProperty("from").GetString() != c.GetProperty("to").GetString())
            .OrderByDescending(c => c.GetProperty("count").GetInt32()).First();
        var (from, to) = (cell.GetProperty("from").GetString(), cell.GetProperty("to").GetString());
        await page.ClickAsync($"#transition-matrix .cell-button[data-from='{from}'][data-to='{to}']");
        await page.WaitForSelectorAsync($"#cell-communes[data-from='{from}'][data-to='{to}']");
        var listed = await page.Locator("#cell-communes li").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.code)");
        Assert.Equal(cell.GetProperty("communes").EnumerateArray().Select(c => c.GetString()), listed);
        var href = await page.Locator("#cell-communes li a").First.GetAttributeAsync("href");
        Assert.Equal($"/map?year=2025&code={listed[0]}", href);
        // across the merger the derived from-statuses are labelled as such
        Assert.True(await page.Locator("#improved tr[data-derived='true'] .derived, #worsened tr[data-derived='true'] .derived").CountAsync() > 0);
        await BrowserSteps.ScreenshotAsync(page, "31-transitions-matrix-cell", output);

        // the link opens the map on that year with the commune selected
        await page.ClickAsync("#cell-communes li a >> nth=0");
        await page.WaitForSelectorAsync($"#commune-panel[data-code='{listed[0]}']", new() { Timeout = 60_000 });
        // the panel can open before the year's units are drawn: wait for the drawing, which says its year
        await page.WaitForSelectorAsync("#status-map[data-units-key]", new() { Timeout = 60_000 });
        Assert.Equal("2025", await page.GetAttributeAsync("#status-map", "data-units-key"));
    }

    [Fact]
    public async Task Side_by_side_maps_follow_each_other_and_changed_only_colours_just_the_changed_communes()
    {
        await using var context = await app.NewContextAsync();
        var page = await SignedInAsync(context, Leader);
        await page.GotoAsync("/transitions?from=2024&to=2026");
        await page.WaitForSelectorAsync("#map-from[data-units-key='2024']", new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync("#map-to[data-units-key='2026']", new() { Timeout = 60_000 });

        // zoom in on the right-hand map: the left one follows to the same view
        var box = (await page.Locator("#map-to").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.WheelAsync(0, -400);
        await page.WaitForFunctionAsync(
            "() => { const a = document.getElementById('map-from').dataset.view, b = document.getElementById('map-to').dataset.view; return a && a === b && !a.startsWith('0@'); }");
        var view = await page.GetAttributeAsync("#map-to", "data-view");
        await page.Locator("#map-from").DragToAsync(page.Locator("#map-from"), new()
        {
            SourcePosition = new() { X = 200, Y = 200 }, TargetPosition = new() { X = 120, Y = 140 },
        });
        await page.WaitForFunctionAsync(
            "v => { const a = document.getElementById('map-from').dataset.view, b = document.getElementById('map-to').dataset.view; return a === b && a !== v; }", view);
        await BrowserSteps.ScreenshotAsync(page, "32-transitions-side-by-side", output);

        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/transitions?from=2024&to=2026");
        await page.ClickAsync("#mode-changed");
        await page.WaitForSelectorAsync("#map-changed[data-units-key='2024-2026']", new() { Timeout = 60_000 });
        Assert.Equal(api.GetProperty("total").GetInt32().ToString(), await page.GetAttributeAsync("#map-changed", "data-feature-count"));
        var improved = api.GetProperty("improved").EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList();
        if (improved.Count > 0)
        {
            var fill = await page.Locator($"#map-changed path[data-code='{improved[0]}']").GetAttributeAsync("fill");
            Assert.Equal("#0072b2", fill);
        }
        await BrowserSteps.ScreenshotAsync(page, "33-transitions-changed-only", output);
    }

    [Fact]
    public async Task Commune_names_in_the_lists_and_the_cell_are_text_never_markup()
    {
        const string hostile = "<img id=\"injected\" src=x onerror=\"window.__diabanXss=1\">";
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/transitions?from=2024&to=2026");
        var unit = api.GetProperty("improved").EnumerateArray().Concat(api.GetProperty("worsened").EnumerateArray()).First();
        var code = unit.GetProperty("code").GetString()!;
        var original = unit.GetProperty("name").GetString()!;
        await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE code = @c AND valid_to IS NULL", ("n", hostile), ("c", code));
        try
        {
            await using var context = await app.NewContextAsync();
            var page = await SignedInAsync(context, Leader);
            await page.GotoAsync("/transitions?from=2024&to=2026");
            await page.WaitForSelectorAsync($"tr[data-code='{code}']", new() { Timeout = 60_000 });
            var cell = api.GetProperty("cells").EnumerateArray().First(c => c.GetProperty("communes").EnumerateArray().Any(x => x.GetString() == code));
            await page.ClickAsync($"#transition-matrix .cell-button[data-from='{cell.GetProperty("from").GetString()}'][data-to='{cell.GetProperty("to").GetString()}']");
            await page.WaitForSelectorAsync($"#cell-communes li[data-code='{code}']");
            Assert.Contains(hostile, await page.InnerTextAsync($"tr[data-code='{code}']"));
            Assert.Contains(hostile, await page.InnerTextAsync($"#cell-communes li[data-code='{code}']"));
            Assert.Equal(0, await page.Locator("#injected").CountAsync());
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
        }
        finally
        {
            await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE code = @c AND valid_to IS NULL", ("n", original), ("c", code));
        }
    }

    [Fact]
    public async Task An_english_preferring_browser_sees_vietnamese_until_the_switch_is_used()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            Locale = "en-US",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" },
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("Mật khẩu", await page.InnerTextAsync("main"));
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await page.GotoAsync("/transitions?from=2024&to=2025");
        await page.WaitForSelectorAsync("#transition-matrix", new() { Timeout = 60_000 });
        Assert.Contains("Chuyển đổi trạng thái", await page.InnerTextAsync("h1"));

        await page.ClickAsync("header a.lang");
        await page.WaitForSelectorAsync("h1:has-text('Status transitions')", new() { Timeout = 60_000 });
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        // the whole navigation follows the switch (six items were written in Vietnamese in the layout)
        var nav = await page.InnerTextAsync("header nav");
        foreach (var english in new[] { "Plan targets", "Reports", "Drug-free recognition", "Patrol priorities" })
            Assert.Contains(english, nav);
        foreach (var vietnamese in new[] { "Chỉ tiêu kế hoạch", "Báo cáo", "Ưu tiên tuần tra" })
            Assert.DoesNotContain(vietnamese, nav);
    }

    private static async Task<List<string>> StatusCodesAsync(HttpClient client, int year)
    {
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        return doc.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("status"))
            .Select(s => s.ValueKind == JsonValueKind.Null ? "" : s.GetString()!).ToList();
    }

    [GeneratedRegex(@"^\d{1,3}(,\d)? %$")]
    private static partial Regex DrugFreeShareText();
}
