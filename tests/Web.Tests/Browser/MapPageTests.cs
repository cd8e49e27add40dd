using System.Globalization;
using System.Text.Json;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The map page in a real browser, checked against what the API says for the same user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MapPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";

    [Fact]
    public async Task Leader_logs_in_through_the_form_and_sees_every_commune_of_the_province()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url);
        await Screenshot(page, "01-login");
        await LogInAsync(page, Leader);

        var year = await ShownYearAsync(page);
        var api = await StatusesAsync(Leader, year);
        Assert.NotEmpty(api);
        Assert.Equal(api.Count.ToString(), await page.GetAttributeAsync("#status-map", "data-feature-count"));
        Assert.Equal(api.Count, await page.Locator("#status-map path[data-code]").CountAsync());
        await Screenshot(page, $"02-map-{year}");
    }

    [Fact]
    public async Task Moving_the_slider_recolours_the_communes_as_the_stored_statuses_say()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await LogInAsync(page, Leader);
        var years = await YearsAsync(Leader);
        Assert.True(years.Count >= 2, "the demo data has assessments for at least two years");

        var legend = await LegendColoursAsync(page);
        var firstFills = new Dictionary<string, string>();
        foreach (var year in new[] { years[0], years[^1] })
        {
            await page.Locator("#year-range").FillAsync(year.ToString());
            await page.WaitForSelectorAsync($"#status-map[data-units-key='{year}']");
            var api = await StatusesAsync(Leader, year);
            var fills = await FillsAsync(page);
            Assert.Equal(api.Keys.Order(), fills.Keys.Order());
            foreach (var (code, status) in api)
            {
                Assert.Equal(legend[status ?? "none"], fills[code]);
            }
            var isBreakYear = await page.GetAttributeAsync("#regime-note", "data-break");
            Assert.Equal(year >= 2025 ? "true" : "false", isBreakYear);
            await Screenshot(page, $"03-slider-{year}");
            if (firstFills.Count == 0)
            {
                firstFills = fills;
            }
            else
            {
                // the picture really changed: other communes (merger) or other colours
                Assert.False(firstFills.OrderBy(p => p.Key).SequenceEqual(fills.OrderBy(p => p.Key)));
            }
        }
    }

    [Fact]
    public async Task Clicking_a_commune_opens_the_panel_with_its_status_and_the_criteria_that_held()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await LogInAsync(page, Leader);
        var year = await ShownYearAsync(page);
        var (code, status, criteriaCount, population) = await CommuneWithMostCriteriaAsync(Leader, year);

        var commune = page.Locator($"#status-map path[data-code='{code}']");
        await commune.DispatchEventAsync("mouseover");
        var tooltip = await page.WaitForSelectorAsync(".leaflet-tooltip");
        var legendLabel = await page.InnerTextAsync($".legend li[data-status='{status}'] .legend-label");
        Assert.Contains(legendLabel, await tooltip!.InnerTextAsync());

        await commune.DispatchEventAsync("click");
        await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}']");
        Assert.Equal(status, await page.GetAttributeAsync("#commune-panel .panel-status", "data-status"));
        Assert.Equal(criteriaCount, await page.Locator("#commune-panel li[data-criterion]").CountAsync());
        // the history arrives after the panel opens: wait for it rather than count at once
        await page.WaitForSelectorAsync("#commune-panel table.history tr[data-year]");
        var panelText = await page.InnerTextAsync("#commune-panel");
        Assert.Contains("Bộ tiêu chí", panelText);
        // vi-VN digit grouping: 17763 is written 17.763
        var figures = (await page.EvalOnSelectorAllAsync<string[][]>("#commune-panel .figures dt",
            "dts => dts.map(d => [d.textContent.trim(), d.nextElementSibling.textContent.trim()])")).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(population.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN")), figures["Dân số đang cư trú"]);
        await Screenshot(page, $"04-panel-{code}-{year}");
        await page.SetViewportSizeAsync(1400, 2400); // tall enough for the whole panel without its scroll bar
        var panelShot = Path.Combine(Screenshots.Folder, $"04-panel-{code}-{year}-detail.png");
        await page.Locator("#commune-panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = panelShot });
        output.WriteLine($"screenshot: {panelShot}");
    }

    [Fact]
    public async Task Police_officer_map_shows_only_the_assigned_communes()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await LogInAsync(page, "police@diaban.local");
        var year = await ShownYearAsync(page);
        Assert.Equal(DemoAccounts.PoliceCommuneCount, await page.Locator("#status-map path[data-code]").CountAsync());
        Assert.Equal((await StatusesAsync("police@diaban.local", year)).Keys.Order(),
            (await FillsAsync(page)).Keys.Order());
        await Screenshot(page, "05-police");
    }

    [Fact]
    public async Task Wrong_password_keeps_the_user_on_the_login_form_with_a_vietnamese_message()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", Leader);
        await page.FillAsync("#password", "sai-mat-khau");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(".login-error");
        Assert.Contains("Sai thư điện tử hoặc mật khẩu", await page.InnerTextAsync(".login-error"));
    }

    [Fact]
    public async Task Play_advances_the_year_and_pause_stops_it()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await LogInAsync(page, Leader);
        var years = await YearsAsync(Leader);
        Assert.Equal([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026], years);
        await page.Locator("#year-range").FillAsync(years[0].ToString());
        await page.WaitForSelectorAsync($"#status-map[data-units-key='{years[0]}']");

        await page.ClickAsync("#year-play");
        await page.WaitForSelectorAsync("#year-play[aria-pressed='true']");
        await page.WaitForSelectorAsync($"#status-map[data-units-key='{years[1]}']");
        await page.ClickAsync("#year-play");
        await page.WaitForSelectorAsync("#year-play[aria-pressed='false']");
        var stoppedAt = await ShownYearAsync(page);
        Assert.InRange(stoppedAt, years[1], years[^2]);
        // paused: two more steps' time (1.5 s each) later the map still shows the same year
        await page.WaitForTimeoutAsync(3_000);
        Assert.Equal(stoppedAt, await ShownYearAsync(page));
    }

    [Fact]
    public async Task Sign_out_returns_to_the_login_form_and_the_map_needs_a_new_login()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await LogInAsync(page, "planner@diaban.local");
        await page.ClickAsync(".logout button");
        await page.WaitForURLAsync("**/login**");
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url);
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE action = 'sign_out' AND entity_key = 'planner@diaban.local'") >= 1);
    }

    [Fact]
    public async Task Language_switch_shows_the_login_form_in_english()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Contains("Mật khẩu", await page.InnerTextAsync("main"));
        await page.ClickAsync(".login-lang a");
        await page.WaitForSelectorAsync("text=Password");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }

    private static async Task LogInAsync(IPage page, string email)
    {
        await BrowserSteps.SubmitLoginAsync(page, email);
        await BrowserSteps.WaitForMapAsync(page);
    }

    private static async Task<int> ShownYearAsync(IPage page) =>
        int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!);

    private static async Task<Dictionary<string, string>> LegendColoursAsync(IPage page)
    {
        var pairs = await page.EvalOnSelectorAllAsync<string[][]>(".legend li[data-status]",
            "items => items.map(i => [i.dataset.status, i.dataset.colour])");
        return pairs.ToDictionary(p => p[0], p => p[1]);
    }

    private static async Task<Dictionary<string, string>> FillsAsync(IPage page)
    {
        var pairs = await page.EvalOnSelectorAllAsync<string[][]>("#status-map path[data-code]",
            "paths => paths.map(p => [p.dataset.code, p.getAttribute('fill')])");
        return pairs.ToDictionary(p => p[0], p => p[1]);
    }

    private async Task<List<int>> YearsAsync(string email)
    {
        using var client = await ApiLogin.ClientForAsync(app, email);
        return JsonSerializer.Deserialize<List<int>>(await client.GetStringAsync("/api/status/years"))!;
    }

    /// <summary>code → status (null = not assessed) as GET /api/status says for this user and year.</summary>
    private async Task<Dictionary<string, string?>> StatusesAsync(string email, int year)
    {
        using var client = await ApiLogin.ClientForAsync(app, email);
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        return GeoJsonAssert.Features(doc).Select(f => f.GetProperty("properties")).ToDictionary(
            p => p.GetProperty("code").GetString()!,
            p => p.GetProperty("status").ValueKind == JsonValueKind.String ? p.GetProperty("status").GetString() : null);
    }

    private async Task<(string Code, string Status, int Criteria, int Population)> CommuneWithMostCriteriaAsync(string email, int year)
    {
        using var client = await ApiLogin.ClientForAsync(app, email);
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/status?year={year}"));
        var best = GeoJsonAssert.Features(doc).Select(f => f.GetProperty("properties"))
            .Where(p => p.GetProperty("assessed").GetBoolean())
            .OrderByDescending(p => p.GetProperty("criteria").GetArrayLength())
            .ThenBy(p => p.GetProperty("code").GetString(), StringComparer.Ordinal)
            .First();
        return (best.GetProperty("code").GetString()!, best.GetProperty("status").GetString()!, best.GetProperty("criteria").GetArrayLength(),
            best.GetProperty("inputs").GetProperty("population_resident").GetInt32());
    }

    private Task Screenshot(IPage page, string name) => BrowserSteps.ScreenshotAsync(page, name, output);
}
