using System.Globalization;
using System.Text.Json;
using DiaBan.Analytics.Statistics;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The statistics layers of the map page in a real browser, checked against /api/hotspots for the same user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsLayerTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";

    [Fact]
    public async Task Hot_spot_layer_shows_the_gi_star_legend_and_a_clicked_commune_shows_its_z_and_p()
    {
        await using var context = await app.NewContextAsync();
        var page = await LoggedInAsync(context);
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);

        await page.SelectOptionAsync("#map-layer", "HotSpots");
        await page.WaitForSelectorAsync($"#status-map[data-units-key='HotSpots:incidents:{year}:count']", new() { Timeout = 60_000 });

        // the legend lists the seven Gi* classes, hot 99% first, with their Vietnamese names, and explains them in plain words
        var keys = await page.EvalOnSelectorAllAsync<string[]>("#stats-legend[data-layer='HotSpots'] li[data-key]", "items => items.map(i => i.dataset.key)");
        Assert.Equal(["3", "2", "1", "0", "-1", "-2", "-3"], keys.Take(7));
        foreach (var bin in new[] { 3, 2, 1, 0, -1, -2, -3 })
            Assert.Equal(StatisticLabels.HotSpotBin(bin), await page.InnerTextAsync($"#stats-legend li[data-key='{bin}'] .legend-label"));
        Assert.Contains("Điểm nóng: xã có số vụ cao và các xã lân cận cũng cao", await page.InnerTextAsync("#stats-explain"));
        Assert.Contains("FDR", await page.InnerTextAsync("#stats-explain"));
        // the statistic runs on the leader's province: the text names it (not "toàn tỉnh", nor the country)
        var province = (await app.StringsAsync("SELECT name FROM admin_unit WHERE level = 'province' AND valid_to IS NULL")).Single();
        Assert.Contains($"thống kê tính trên toàn {province}.", await page.InnerTextAsync("#stats-explain"));

        // every commune is filled with the colour of the bin the API gives it
        var api = await HotSpotsAsync(year);
        var legend = (await page.EvalOnSelectorAllAsync<string[][]>("#stats-legend li[data-key]", "items => items.map(i => [i.dataset.key, i.dataset.colour])"))
            .ToDictionary(p => p[0], p => p[1]);
        var fills = (await page.EvalOnSelectorAllAsync<string[][]>("#status-map path[data-code]", "paths => paths.map(p => [p.dataset.code, p.getAttribute('fill')])"))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(api.Keys.Order(), fills.Keys.Order());
        foreach (var (code, p) in api)
        {
            var defined = p.GetProperty("z").ValueKind == JsonValueKind.Number;
            Assert.Equal(legend[defined ? p.GetProperty("bin").GetInt32().ToString(CultureInfo.InvariantCulture) : "Neighbourless"], fills[code]);
        }
        // the demo's island commune has no neighbour: its own legend line, after the seven classes
        Assert.Equal(api.Count(a => a.Value.GetProperty("z").ValueKind != JsonValueKind.Number) > 0, keys.Contains("Neighbourless"));

        // the commune with the strongest z: the panel shows z, p, the class and what they mean
        var (strongest, props) = api.Where(a => a.Value.GetProperty("z").ValueKind == JsonValueKind.Number)
            .OrderByDescending(a => Math.Abs(a.Value.GetProperty("z").GetDouble())).ThenBy(a => a.Key, StringComparer.Ordinal).First();
        await page.Locator($"#status-map path[data-code='{strongest}']").DispatchEventAsync("click");
        await page.WaitForSelectorAsync($"#statistic-panel[data-code='{strongest}']");
        var z = double.Parse((await page.GetAttributeAsync("#statistic-panel .stat-z", "data-z"))!, CultureInfo.InvariantCulture);
        var pValue = double.Parse((await page.GetAttributeAsync("#statistic-panel .stat-p", "data-p"))!, CultureInfo.InvariantCulture);
        Assert.Equal(props.GetProperty("z").GetDouble(), z);
        Assert.Equal(props.GetProperty("p").GetDouble(), pValue);
        var panel = await page.InnerTextAsync("#statistic-panel");
        Assert.Contains(StatisticLabels.HotSpotBin(props.GetProperty("bin").GetInt32()), panel);
        Assert.Contains("z = " + z.ToString("0.00", CultureInfo.GetCultureInfo("vi-VN")), panel);
        Assert.Contains($"mức trung bình toàn {province} ", panel);
        Assert.Matches(@"p (=|<) \d", panel);
        Assert.Contains("độ tin cậy 95%", panel);
        await Screenshot(page, $"10-hotspots-{year}-{strongest}");
    }

    [Fact]
    public async Task An_administrator_s_hot_spot_legend_says_the_statistic_runs_on_the_whole_country()
    {
        await using var context = await app.NewContextAsync();
        var page = await BrowserSteps.OpenMapAsync(context, "admin@diaban.local");
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);
        await page.SelectOptionAsync("#map-layer", "HotSpots");
        await page.WaitForSelectorAsync($"#status-map[data-units-key='HotSpots:incidents:{year}:count']", new() { Timeout = 60_000 });
        var explanation = await page.InnerTextAsync("#stats-explain");
        Assert.Contains("thống kê tính trên toàn quốc.", explanation);
        Assert.DoesNotContain("tỉnh", explanation, StringComparison.OrdinalIgnoreCase);
        await page.SelectOptionAsync("#map-layer", "Emerging");
        await page.WaitForSelectorAsync("#status-map[data-units-key^='Emerging:']", new() { Timeout = 60_000 });
        Assert.Contains("được so với toàn quốc cùng quý", await page.InnerTextAsync("#stats-explain"));
    }

    [Fact]
    public async Task Cluster_trend_and_density_layers_draw_with_their_own_legends()
    {
        await using var context = await app.NewContextAsync();
        var page = await LoggedInAsync(context);

        await page.SelectOptionAsync("#map-layer", "Clusters");
        await page.WaitForSelectorAsync("#status-map[data-units-key^='Clusters:']", new() { Timeout = 60_000 });
        Assert.Equal(6, await page.Locator("#stats-legend[data-layer='Clusters'] li[data-key]").CountAsync());
        Assert.Contains("Cụm cao – cao", await page.InnerTextAsync("#stats-legend"));
        await Screenshot(page, "11-clusters");

        await page.SelectOptionAsync("#map-layer", "Emerging");
        await page.WaitForSelectorAsync("#status-map[data-units-key^='Emerging:']", new() { Timeout = 60_000 });
        Assert.Contains("Mann–Kendall", await page.InnerTextAsync("#stats-explain"));
        Assert.True(await page.Locator("#stats-legend[data-layer='Emerging'] li[data-key='NoPattern']").CountAsync() == 1);
        await page.SelectOptionAsync("#stats-measure", "rate");
        await page.WaitForSelectorAsync("#status-map[data-units-key$=':rate']", new() { Timeout = 60_000 });
        await Screenshot(page, "12-emerging-rate");

        await page.SelectOptionAsync("#map-layer", "Density");
        await page.WaitForSelectorAsync("#status-map[data-overlay-key^='Density:']", new() { Timeout = 60_000 });
        Assert.True(int.Parse((await page.GetAttributeAsync("#status-map", "data-overlay-count"))!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(5, await page.Locator("#stats-legend[data-layer='Density'] li[data-key]").CountAsync());
        Assert.Contains("vụ/km²", await page.InnerTextAsync("#stats-legend"));
        await Screenshot(page, "13-density");

        // back to statuses: the status legend returns and the overlay is gone with the statistics map
        await page.SelectOptionAsync("#map-layer", "Status");
        await page.WaitForSelectorAsync(".legend li[data-status]");
    }

    [Fact]
    public async Task Completeness_layer_colours_every_commune_by_its_share_and_lists_the_bins()
    {
        await using var context = await app.NewContextAsync();
        var page = await LoggedInAsync(context);
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);

        await page.SelectOptionAsync("#map-layer", "Completeness");
        await page.WaitForSelectorAsync($"#status-map[data-units-key='completeness:{year}']", new() { Timeout = 60_000 });

        var keys = await page.EvalOnSelectorAllAsync<string[]>("#stats-legend[data-layer='Completeness'] li[data-key]", "items => items.map(i => i.dataset.key)");
        Assert.Equal(["below_50", "50_80", "80_100", "complete", "unknown"], keys);
        Assert.Contains("15/01", await page.InnerTextAsync("#stats-explain"));
        // the legend counts add up to the communes of the year, each drawn once
        var counts = await page.EvalOnSelectorAllAsync<string[]>("#stats-legend li[data-key] .legend-count", "items => items.map(i => i.textContent)");
        var drawn = await page.Locator("#status-map path[data-code]").CountAsync();
        Assert.Equal(drawn, counts.Sum(c => int.Parse(c.Replace(".", "").Replace(",", ""), CultureInfo.InvariantCulture)));
        await Screenshot(page, "14-completeness");
    }

    private static Task<IPage> LoggedInAsync(IBrowserContext context) => BrowserSteps.OpenMapAsync(context, Leader);

    private async Task<Dictionary<string, JsonElement>> HotSpotsAsync(int year)
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        using var doc = await GeoJsonAssert.ReadFeatureCollectionAsync(await client.GetAsync($"/api/hotspots?year={year}"));
        return GeoJsonAssert.Features(doc).Select(f => f.GetProperty("properties").Clone()).ToDictionary(p => p.GetProperty("code").GetString()!);
    }

    private Task Screenshot(IPage page, string name) => BrowserSteps.ScreenshotAsync(page, name, output);
}
