using DiaBan.Geo.Queries;
using DiaBan.Web.Places;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The demo on a 1 km grid with the province's cell model trained for the sheet's day (the app and chromium are its own).</summary>
public sealed class ModelSheetBrowserFixture : BrowserAppFixture
{
    public static readonly DateOnly Day = new(2026, 7, 1);

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string> { ["Grid:CellSizeM"] = "1000" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var province = (await StringsAsync("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL")).Single();
        _ = await Factory.Services.GetRequiredService<CellModelTrainer>().TrainAsync(province, Day)
            ?? throw new InvalidOperationException("the demo province's cell model did not train");
    }
}

/// <summary>The patrol sheet scored by the cell model, as a police officer sees it: his communes, the model named, its reasons.</summary>
public sealed class PatrolSheetModelBrowserTests(ModelSheetBrowserFixture app, ITestOutputHelper output) : IClassFixture<ModelSheetBrowserFixture>
{
    [Fact]
    public async Task Police_sheet_scored_by_the_cell_model_names_it_and_gives_its_reasons_in_his_communes_only()
    {
        await using var context = await app.NewContextAsync();
        // the browser's print dialog is replaced by a counter: the test sees whether the button reached window.print
        await context.AddInitScriptAsync("window.print = () => { window.__printed = (window.__printed || 0) + 1; };");
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) blocked.Add(message.Text);
        };
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
        var cache = app.Factory.Services.GetRequiredService<CellScoreCache>();
        long scored = cache.Scorings;
        await page.GotoAsync($"/patrol/sheet?day={ModelSheetBrowserFixture.Day:yyyy-MM-dd}");
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        Assert.Equal("cell_model", await page.GetAttributeAsync("#sheet-scorer", "data-scorer"));
        var scorerText = await page.InnerTextAsync("#sheet-scorer");
        output.WriteLine(scorerText);

        var mine = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        var shown = await page.Locator(".sheet-unit").EvaluateAllAsync<string[]>("us => us.map(u => u.dataset.code)");
        Assert.Equal(mine, shown.Order(StringComparer.Ordinal));
        var cells = await page.Locator(".sheet-unit .sheet-table tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.cell)");
        var outside = await app.ScalarAsync<long>("""
            SELECT count(*) FROM unnest(@ids) AS c(id) WHERE NOT EXISTS (
                SELECT 1 FROM grid_cell g JOIN admin_unit u ON u.id = g.unit_id
                WHERE g.size_m = 1000 AND u.code = ANY(@codes) AND g.valid_to IS NULL
                  AND (((g.srid - 32600)::bigint << 48) | (g.i::bigint << 24) | g.j) = c.id)
            """, ("ids", cells.Select(long.Parse).ToArray()), ("codes", mine.ToArray()));
        Assert.Equal(0, outside);
        var reasons = await page.Locator(".sheet-unit td.explanation").AllInnerTextsAsync();
        foreach (var r in reasons.Take(6)) output.WriteLine(r);
        foreach (var code in shown)
            await page.WaitForSelectorAsync($"#sheet-map-{code}[data-feature-count]", new() { Timeout = 60_000 });
        await BrowserSteps.ScreenshotAsync(page, "36-patrol-sheet-model-police", output);
        // the print button works under the page's Content-Security-Policy (an inline onclick was blocked)
        await page.ClickAsync("#print-sheet");
        await page.WaitForFunctionAsync("() => window.__printed === 1", null, new() { Timeout = 10_000 });
        Assert.Empty(blocked);
        await page.Locator(".sheet-unit").First.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "37-patrol-sheet-model-unit.png") });

        // opened again (or printed): served from the cache, not scored again
        await page.ReloadAsync();
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        Assert.Equal(scored + 1, cache.Scorings);
    }
}
