using System.Globalization;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// Web entry of an incident in a real browser: the police officer places it by clicking the map (and drags the marker),
/// types the rest and submits; the province's leader verifies it on his queue's small map; it is then an incident on the
/// map's incident layer and in the commune panel, and the year's figures (re-classified as a job) count it. The
/// recording unit, typed as markup, shows as text everywhere.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentEntryBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Police = "police@diaban.local", Leader = "leader@diaban.local";
    private const string Markup = "<b id=\"injected\">Đội 2</b> <img src=x onerror=\"window.__diabanXss=1\">";

    // finds a pixel inside the commune's polygon (the path under the point is the commune's own) and returns it
    private const string FindInside = """
        code => {
            const path = document.querySelector(`#entry-map path[data-code='${code}']`);
            const r = path.getBoundingClientRect();
            for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
                const x = r.left + r.width * (0.3 + 0.4 * i / 12), y = r.top + r.height * (0.3 + 0.4 * j / 12);
                if (document.elementFromPoint(x, y) === path) return [x, y];
            }
            return null;
        }
        """;

    [Fact]
    public async Task Police_enter_an_incident_on_the_map_a_leader_verifies_it_and_it_counts_on_the_map_the_panel_and_the_figures()
    {
        var year = await app.ScalarAsync<int>("SELECT max(year) FROM status_assessment");
        var communes = await app.StringsAsync("""SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        var code = communes[^1];
        var unitId = await app.ScalarAsync<int>("SELECT id FROM admin_unit WHERE level = 'commune' AND code = @c AND valid_to IS NULL", ("c", code));
        // a day of that year on which the commune exists and that is not in the future
        var date = await app.ScalarAsync<DateOnly>("""
            SELECT LEAST(GREATEST(make_date(@y, 6, 15), valid_from + 20), (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) FROM admin_unit WHERE id = @u
            """, ("y", year), ("u", unitId));
        // the commune's arrests must come from its incidents for the figure to move: clear a reported figure (restored below)
        var reported = await app.ScalarAsync<int?>("SELECT offenders_arrested FROM unit_indicator WHERE unit_id = @u AND year = @y", ("u", unitId), ("y", year));
        await app.ExecuteAsync("UPDATE unit_indicator SET offenders_arrested = NULL WHERE unit_id = @u AND year = @y", ("u", unitId), ("y", year));
        try
        {
            await RunAsync(year, code, unitId, date);
        }
        finally
        {
            if (reported is { } r)
                await app.ExecuteAsync("UPDATE unit_indicator SET offenders_arrested = @r WHERE unit_id = @u AND year = @y", ("r", r), ("u", unitId), ("y", year));
        }
    }

    private async Task RunAsync(int year, string code, int unitId, DateOnly date)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(90_000);
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Police);
        await page.GotoAsync("/incident-entries");
        await page.WaitForSelectorAsync($"#entry-map path[data-code='{code}']");

        // click inside the commune: the marker appears and the WGS 84 fields are filled; a drag moves it
        var xy = await page.EvaluateAsync<double[]?>(FindInside, code);
        Assert.NotNull(xy);
        await page.Mouse.ClickAsync((float)xy![0], (float)xy[1]);
        await page.WaitForSelectorAsync("#entry-map .entry-marker");
        await page.WaitForFunctionAsync("() => document.querySelector('#entry-lat').value !== ''");
        var clicked = await page.InputValueAsync("#entry-lat");
        var marker = await page.Locator("#entry-map .entry-marker").BoundingBoxAsync();
        await page.Mouse.MoveAsync(marker!.X + marker.Width / 2, marker.Y + marker.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(marker.X + marker.Width / 2 + 2, marker.Y + marker.Height / 2 + 3, new() { Steps = 4 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("v => document.querySelector('#entry-lat').value !== v", clicked);
        var lat = double.Parse(await page.InputValueAsync("#entry-lat"), CultureInfo.InvariantCulture);
        var lon = double.Parse(await page.InputValueAsync("#entry-lon"), CultureInfo.InvariantCulture);
        Assert.True(await app.ScalarAsync<bool>("SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(@x, @y), 4326)) FROM admin_unit WHERE id = @u",
            ("x", lon), ("y", lat), ("u", unitId)), "the dragged point stays in the commune");

        await page.SelectOptionAsync("#entry-kind", "arrest");
        await page.FillAsync("#entry-date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#entry-time", "21:30");
        await page.FillAsync("#entry-persons", "4");
        await page.SelectOptionAsync("#entry-source", "tip");
        Assert.Equal("Công an xã", await page.InputValueAsync("#entry-recorded-by")); // the user's unit by default
        await page.FillAsync("#entry-recorded-by", Markup);
        await BrowserSteps.ScreenshotAsync(page, "entry-01-police-placed-on-map", output);
        await page.ClickAsync("#entry-submit");
        var row = page.Locator("#my-entries tr[data-state='submitted']").First;
        await row.WaitForAsync();
        var id = long.Parse((await row.GetAttributeAsync("data-entry"))!, CultureInfo.InvariantCulture);
        Assert.Contains(Markup, await row.Locator(".recorded-by").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#injected").CountAsync());
        Assert.Equal("submitted|arrest|4|" + code, await app.ScalarAsync<string>(
            "SELECT e.state || '|' || e.kind || '|' || e.persons || '|' || u.code FROM incident_entry e JOIN admin_unit u ON u.id = e.unit_id WHERE e.id = @i", ("i", id)));
        await BrowserSteps.ScreenshotAsync(page, "entry-02-police-submitted", output);

        // the leader: his queue, the entry on a small map, verify
        // what the commune's derived arrests are before (the arrests inside its boundary that year, FigureAssembler's rule)
        var before = await app.ScalarAsync<int>("""
            SELECT coalesce(sum(i.persons), 0)::int FROM incident i JOIN admin_unit u ON ST_Covers(u.geom, i.geom)
            WHERE u.id = @u AND i.kind = 'arrest' AND i.occurred_on >= make_date(@y, 1, 1) AND i.occurred_on < make_date(@y + 1, 1, 1)
            """, ("u", unitId), ("y", year));
        var classifiedAt = await app.ScalarAsync<DateTime>("SELECT computed_at FROM status_assessment WHERE unit_id = @u AND year = @y", ("u", unitId), ("y", year));
        await using var leaderContext = await app.NewContextAsync();
        var leader = await leaderContext.NewPageAsync();
        leader.SetDefaultTimeout(90_000);
        leader.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        await leader.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(leader, Leader);
        await leader.GotoAsync("/incident-entries/review");
        var queued = leader.Locator($"#review-queue tr[data-entry='{id}']");
        await queued.WaitForAsync();
        Assert.Contains(Markup, await queued.Locator(".recorded-by").InnerTextAsync());
        await queued.Locator("button.open").ClickAsync();
        await leader.WaitForSelectorAsync("#review-map .entry-marker");
        await BrowserSteps.ScreenshotAsync(leader, "entry-03-leader-queue", output);
        await leader.ClickAsync("#review-verify");
        await leader.WaitForSelectorAsync("#review-message");
        Assert.Contains($"web-{id}", await leader.InnerTextAsync("#review-message"));
        var incidentId = await app.ScalarAsync<long>("SELECT id FROM incident WHERE external_id = @e", ("e", $"web-{id}"));
        Assert.Equal($"{unitId}|4|tip|21:30:00", await app.ScalarAsync<string>(
            "SELECT unit_id || '|' || persons || '|' || source || '|' || occurred_at FROM incident WHERE id = @i", ("i", incidentId)));
        Assert.Equal(Markup, await app.ScalarAsync<string>("SELECT recorded_by FROM incident WHERE id = @i", ("i", incidentId)));

        // the year is classified again (a job): the commune's arrests now count the 4 persons
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await app.ScalarAsync<DateTime>("SELECT computed_at FROM status_assessment WHERE unit_id = @u AND year = @y", ("u", unitId), ("y", year)) <= classifiedAt
               && DateTime.UtcNow < deadline) await Task.Delay(500);
        Assert.Equal(before + 4, await OffendersInputAsync(unitId, year));

        // on the map: the incident layer has it, the commune panel lists it, the recording unit as text
        await BrowserSteps.WaitForMapAsync(leader);
        await leader.WaitForSelectorAsync($"#status-map[data-units-key='{year}']");
        await leader.CheckAsync("#layer-incidents");
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await leader.FillAsync("#incident-from", day);
        await leader.FillAsync("#incident-to", day);
        await leader.WaitForSelectorAsync($"#status-map[data-incidents-key^='{day}..{day}']");
        await leader.Locator($"#status-map path.place-incidents[data-id='{incidentId}']").WaitForAsync();
        await leader.Locator($"#status-map path[data-code='{code}']").DispatchEventAsync("click");
        var listed = leader.Locator($"#commune-incidents tr[data-id='{incidentId}']");
        await listed.WaitForAsync();
        Assert.Contains(Markup, await listed.InnerTextAsync());
        await leader.Locator("#commune-panel").ScrollIntoViewIfNeededAsync();
        await BrowserSteps.ScreenshotAsync(leader, "entry-04-verified-on-map-and-panel", output);

        await leader.WaitForTimeoutAsync(300);
        Assert.Equal(0, await leader.Locator("#injected").CountAsync());
        Assert.Empty(dialogs);
        Assert.Null(await leader.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
    }

    private async Task<int?> OffendersInputAsync(int unitId, int year)
    {
        var json = await app.ScalarAsync<string?>("SELECT inputs::text FROM status_assessment WHERE unit_id = @u AND year = @y", ("u", unitId), ("y", year));
        if (json is null) return null;
        using var doc = JsonDocument.Parse(json);
        return FindNumber(doc.RootElement, "offenders_arrested") ?? FindNumber(doc.RootElement, "offendersArrested") ?? FindNumber(doc.RootElement, "OffendersArrested");
    }

    private static int? FindNumber(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
