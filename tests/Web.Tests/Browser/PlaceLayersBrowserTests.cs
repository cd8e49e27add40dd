using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The map's point and line layers in a real browser: incidents clustered when zoomed out, a filtered incident's popup,
/// businesses and routes drawn; an incident source stored as markup shows as text in the popup and the commune panel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaceLayersBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";
    private const string HostileSource = "<img src=x onerror=\"window.__diabanXss=1;alert(1)\">";

    [Fact]
    public async Task Incidents_cluster_when_zoomed_out_and_the_date_filter_narrows_them()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Type is "error" or "warning") output.WriteLine($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => output.WriteLine($"page error: {error}");
        page.SetDefaultTimeout(90_000); // the whole year's incidents under a loaded test machine
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await BrowserSteps.WaitForMapAsync(page);
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);

        // one incident of the year moved to a day with no other incident, its source made hostile
        var id = await app.ScalarAsync<long>(
            "SELECT id FROM incident WHERE occurred_on BETWEEN make_date(@y, 1, 1) AND make_date(@y, 12, 31) ORDER BY id LIMIT 1", ("y", year));
        var original = (await app.StringsAsync("SELECT occurred_on::text || '|' || COALESCE(source, '') FROM incident WHERE id = @id", ("id", id))).Single().Split('|');
        var lonely = await app.ScalarAsync<DateOnly>("""
            SELECT d::date FROM generate_series(make_date(@y, 1, 1), make_date(@y, 12, 31), interval '1 day') d
            WHERE NOT EXISTS (SELECT 1 FROM incident WHERE occurred_on = d::date) ORDER BY d LIMIT 1
            """, ("y", year));
        await app.ExecuteAsync("UPDATE incident SET occurred_on = @d, source = @s WHERE id = @id", ("d", lonely), ("s", HostileSource), ("id", id));
        try
        {
            // every incident of the year, clustered at the province's zoom
            await page.CheckAsync("#layer-incidents");
            await page.WaitForSelectorAsync($"#status-map[data-incidents-key^='{year}-01-01..{year}-12-31']");
            var expected = await app.ScalarAsync<long>(
                "SELECT count(*) FROM incident WHERE occurred_on BETWEEN make_date(@y, 1, 1) AND make_date(@y, 12, 31)", ("y", year));
            Assert.Equal(Math.Min(expected, 5000).ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#status-map", "data-incidents-count"));
            await page.WaitForSelectorAsync("#status-map .marker-cluster");
            var clusters = await page.Locator("#status-map .marker-cluster").CountAsync();
            var loose = await page.Locator("#status-map path.place-incidents").CountAsync();
            Assert.True(clusters > 0 && clusters + loose < expected, $"{clusters} clusters and {loose} single markers for {expected} incidents");
            Assert.Equal(8, await page.Locator("#incident-legend li").CountAsync());
            await BrowserSteps.ScreenshotAsync(page, "places-01-incidents-clustered", output);

            // filtered to the one day: exactly that incident (its popup and the panel: the skipped test below)
            var day = lonely.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.FillAsync("#incident-from", day);
            await page.FillAsync("#incident-to", day);
            await page.WaitForSelectorAsync($"#status-map[data-incidents-key^='{day}..{day}']");
            Assert.Equal("1", await page.GetAttributeAsync("#status-map", "data-incidents-count"));
            await page.WaitForTimeoutAsync(300); // an onerror handler would have fired by now
            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
        }
        finally
        {
            await app.ExecuteAsync("UPDATE incident SET occurred_on = @d::date, source = NULLIF(@s, '') WHERE id = @id",
                ("d", original[0]), ("s", original[1]), ("id", id));
        }
    }

    /// <summary>
    /// The popup, commune-panel and businesses/routes half of the test above. The one-day filter must draw only that
    /// day's incidents: PlaceLayersPanel drops a slower answer for an older filter (it once arrived under the new key,
    /// leaving the single marker inside a cluster).
    /// </summary>
    [Fact]
    public async Task A_filtered_incident_popup_and_the_commune_panel_show_markup_as_text()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await BrowserSteps.WaitForMapAsync(page);
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);
        var id = await app.ScalarAsync<long>(
            "SELECT id FROM incident WHERE occurred_on BETWEEN make_date(@y, 1, 1) AND make_date(@y, 12, 31) ORDER BY id LIMIT 1", ("y", year));
        var original = (await app.StringsAsync("SELECT occurred_on::text || '|' || COALESCE(source, '') FROM incident WHERE id = @id", ("id", id))).Single().Split('|');
        var lonely = await app.ScalarAsync<DateOnly>("""
            SELECT d::date FROM generate_series(make_date(@y, 1, 1), make_date(@y, 12, 31), interval '1 day') d
            WHERE NOT EXISTS (SELECT 1 FROM incident WHERE occurred_on = d::date) ORDER BY d LIMIT 1
            """, ("y", year));
        await app.ExecuteAsync("UPDATE incident SET occurred_on = @d, source = @s WHERE id = @id", ("d", lonely), ("s", HostileSource), ("id", id));
        try
        {
            await page.CheckAsync("#layer-incidents");
            var day = lonely.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await page.FillAsync("#incident-from", day);
            await page.FillAsync("#incident-to", day);
            await page.WaitForSelectorAsync($"#status-map[data-incidents-key^='{day}..{day}']");
            var marker = page.Locator($"#status-map path.place-incidents[data-id='{id}']");
            await marker.WaitForAsync();
            await marker.DispatchEventAsync("click");
            var popup = page.Locator(".leaflet-popup-content .place-popup");
            await popup.WaitForAsync();
            var text = await popup.InnerTextAsync();
            Assert.Contains(HostileSource, text);
            Assert.Contains(day, text);
            Assert.Equal(0, await popup.Locator("img").CountAsync());
            var recordedBy = (await app.StringsAsync("SELECT recorded_by FROM incident WHERE id = @id", ("id", id))).Single();
            Assert.Contains(recordedBy, text);
            await BrowserSteps.PopupSettledAsync(page);
            await BrowserSteps.ScreenshotAsync(page, "places-02-incident-popup", output);

            // the commune panel lists it, the source as text too
            var commune = (await app.StringsAsync("SELECT u.code FROM incident i JOIN admin_unit u ON u.id = i.unit_id WHERE i.id = @id", ("id", id))).Single();
            await page.Locator($"#status-map path[data-code='{commune}']").DispatchEventAsync("click");
            var row = page.Locator($"#commune-incidents tr[data-id='{id}']");
            await row.WaitForAsync();
            Assert.Contains(HostileSource, await row.InnerTextAsync());
            Assert.Contains(recordedBy, await row.InnerTextAsync());
            Assert.Equal(0, await page.Locator("#commune-incidents img").CountAsync());

            // businesses and routes
            await page.CheckAsync("#layer-businesses");
            await page.CheckAsync("#layer-routes");
            await page.WaitForSelectorAsync("#status-map[data-businesses-key='all']");
            await page.WaitForSelectorAsync("#status-map[data-routes-key='all']");
            var businesses = await app.ScalarAsync<long>("SELECT count(*) FROM conditional_business");
            Assert.Equal(businesses.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#status-map", "data-businesses-count"));
            Assert.Equal(businesses, await page.Locator("#status-map path.place-businesses").CountAsync());
            Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM key_route"), await page.Locator("#status-map path.place-routes").CountAsync());
            await page.Locator("#status-map path.place-businesses").First.DispatchEventAsync("click");
            await page.Locator(".leaflet-popup-content .place-popup").WaitForAsync();
            await BrowserSteps.ScreenshotAsync(page, "places-03-businesses-and-routes", output);

            Assert.Empty(dialogs);
        }
        finally
        {
            await app.ExecuteAsync("UPDATE incident SET occurred_on = @d::date, source = NULLIF(@s, '') WHERE id = @id",
                ("d", original[0]), ("s", original[1]), ("id", id));
        }
    }

    /// <summary>The drug spot layer's popup (diabanMap.js setSpots): the commune's name stored as markup shows as text.</summary>
    [Fact]
    public async Task A_spot_popup_shows_a_commune_named_like_markup_as_text()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.SetDefaultTimeout(90_000);
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await BrowserSteps.WaitForMapAsync(page);
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!, CultureInfo.InvariantCulture);

        // a spot of the leader's province with a verified step by the layer's day, in a commune valid on that day (the
        // popup names the commune of that day: SpotQueries.GeoJsonAsync)
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        var until = new DateOnly(year, 12, 31) < today ? new DateOnly(year, 12, 31) : today;
        var picked = (await app.StringsAsync("""
            SELECT s.code || '|' || u.id || '|' || u.name FROM drug_spot s JOIN admin_unit u ON u.id = s.unit_id
            WHERE u.valid_from <= @on AND (u.valid_to IS NULL OR @on < u.valid_to)
              AND EXISTS (SELECT 1 FROM drug_spot_step st WHERE st.spot_id = s.id AND st.review = 'verified' AND st.occurred_on <= @on)
            ORDER BY s.code LIMIT 1
            """, ("on", until))).Single().Split('|', 3);
        var (code, unitId, name) = (picked[0], long.Parse(picked[1], CultureInfo.InvariantCulture), picked[2]);
        await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE id = @id", ("n", HostileSource), ("id", unitId));
        try
        {
            await page.CheckAsync("#show-spots");
            await page.WaitForSelectorAsync($"#status-map[data-spots-key^='{year}:']");
            var marker = page.Locator($"#status-map path[data-spot='{code}']");
            await marker.WaitForAsync();
            await marker.DispatchEventAsync("click");
            var popup = page.Locator(".leaflet-popup-content .spot-popup");
            await popup.WaitForAsync();
            var text = await popup.InnerTextAsync();
            Assert.Contains(code, text);
            Assert.Contains(HostileSource, text);
            Assert.Contains("Xã, phường", text); // the fields are labelled, in Vietnamese (placePopup's rows)
            Assert.Equal(0, await popup.Locator("img").CountAsync());
            await BrowserSteps.PopupSettledAsync(page);
            await BrowserSteps.ScreenshotAsync(page, "places-04-spot-popup-hostile-commune", output);
            await page.WaitForTimeoutAsync(300); // an onerror handler would have fired by now
            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
        }
        finally
        {
            await app.ExecuteAsync("UPDATE admin_unit SET name = @n WHERE id = @id", ("n", name), ("id", unitId));
        }
    }
}
