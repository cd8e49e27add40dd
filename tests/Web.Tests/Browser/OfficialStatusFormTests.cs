using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>A leader records the province's decision from the commune panel and the map shows it at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficialStatusFormTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Leader_records_an_official_status_in_the_panel_and_the_commune_is_recoloured_with_a_bold_outline()
    {
        await using var context = await app.NewContextAsync();
        var page = await BrowserSteps.OpenMapAsync(context, "leader@diaban.local");
        var year = int.Parse((await page.GetAttributeAsync("#status-map", "data-units-key"))!);
        // a commune that is not drug-free by computation, so recording "drug_free" must change its colour
        var code = (await app.StringsAsync(
            """
            SELECT u.code FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE a.year = @year AND u.valid_to IS NULL AND a.computed_status <> 'drug_free' AND a.official_status IS NULL
            ORDER BY u.code DESC LIMIT 1
            """, ("year", year))).Single();
        var commune = page.Locator($"#status-map path[data-code='{code}']");
        var before = await commune.GetAttributeAsync("fill");

        await commune.DispatchEventAsync("click");
        await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}']");
        await page.SelectOptionAsync("select[name=official-status]", "drug_free");
        await page.FillAsync("input[name=official-reason]", "QĐ 15/QĐ-UBND ngày 12/1/2027");
        await page.ClickAsync(".official-form button[type=submit]");

        await page.WaitForSelectorAsync("#commune-panel .panel-source[data-official='true']");
        var drugFreeColour = await page.EvalOnSelectorAsync<string>(".legend li[data-status='drug_free'] .swatch",
            "s => getComputedStyle(s).backgroundColor");
        await page.WaitForFunctionAsync($"() => document.querySelector(\"#status-map path[data-code='{code}']\").getAttribute('fill') !== '{before}'");
        Assert.Contains("Chính thức", await page.InnerTextAsync("#commune-panel .panel-source"));
        Assert.NotEqual(before, await commune.GetAttributeAsync("fill"));
        Assert.False(string.IsNullOrEmpty(drugFreeColour));
        Assert.Equal("web:leader@diaban.local", (await app.StringsAsync(
            "SELECT official_by FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @code AND a.year = @year AND u.valid_to IS NULL",
            ("code", code), ("year", year))).Single());
        await BrowserSteps.ScreenshotAsync(page, $"06-official-{code}-{year}", output);

        // leave the shared database as the other browser tests expect it
        await page.SelectOptionAsync("select[name=official-status]", "");
        await page.FillAsync("input[name=official-reason]", "Thu hồi sau kiểm thử");
        await page.ClickAsync(".official-form button[type=submit]");
        await page.WaitForSelectorAsync("#commune-panel .panel-source[data-official='false']");
    }

    [Fact]
    public async Task Police_officers_do_not_see_the_official_status_form()
    {
        await using var context = await app.NewContextAsync();
        var page = await BrowserSteps.OpenMapAsync(context, "police@diaban.local");
        var first = page.Locator("#status-map path[data-code]").First;
        await first.DispatchEventAsync("click");
        await page.WaitForSelectorAsync("#commune-panel");
        Assert.Equal(0, await page.Locator(".official-form").CountAsync());
    }
}
