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
        var path = $"#status-map path[data-code='{code}']";
        var drugFreeColour = await page.EvalOnSelectorAsync<string>(".legend li[data-status='drug_free'] .swatch",
            "s => getComputedStyle(s).backgroundColor");
        var before = await FillColourAsync(page, path);
        Assert.NotEqual(drugFreeColour, before);

        try
        {
            await page.Locator(path).DispatchEventAsync("click");
            await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}']");
            await page.SelectOptionAsync("select[name=official-status]", "drug_free");
            await page.FillAsync("input[name=official-reason]", "QĐ 15/QĐ-UBND ngày 12/1/2027");
            await page.ClickAsync(".official-form button[type=submit]");

            await page.WaitForSelectorAsync("#commune-panel .panel-source[data-official='true']");
            await page.WaitForFunctionAsync($"() => getComputedStyle(document.querySelector(\"{path}\")).fill !== '{before}'");
            Assert.Contains("Chính thức", await page.InnerTextAsync("#commune-panel .panel-source"));
            Assert.Equal(drugFreeColour, await FillColourAsync(page, path));
            Assert.Equal("web:leader@diaban.local", (await app.StringsAsync(
                "SELECT official_by FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @code AND a.year = @year AND u.valid_to IS NULL",
                ("code", code), ("year", year))).Single());
            await BrowserSteps.ScreenshotAsync(page, $"06-official-{code}-{year}", output);

            // withdraw it through the form, as a leader would
            await page.SelectOptionAsync("select[name=official-status]", "");
            await page.FillAsync("input[name=official-reason]", "Thu hồi sau kiểm thử");
            await page.ClickAsync(".official-form button[type=submit]");
            await page.WaitForSelectorAsync("#commune-panel .panel-source[data-official='false']");
        }
        finally
        {
            // leave the shared database as the other browser tests expect it, also when a step above failed
            await app.ExecuteAsync(
                """
                UPDATE status_assessment a SET official_status = NULL, official_by = NULL, official_reason = NULL, official_at = NULL
                FROM admin_unit u WHERE u.id = a.unit_id AND u.code = @code AND a.year = @year AND u.valid_to IS NULL
                """, ("code", code), ("year", year));
        }
    }

    [Theory]
    [InlineData("leader@diaban.local", 1)]
    [InlineData("police@diaban.local", 0)]
    public async Task Only_leaders_see_the_official_status_form_once_the_panel_has_rendered(string email, int forms)
    {
        await using var context = await app.NewContextAsync();
        var page = await BrowserSteps.OpenMapAsync(context, email);
        var first = page.Locator("#status-map path[data-code]").First;
        var code = await first.GetAttributeAsync("data-code");
        await first.DispatchEventAsync("click");
        // the panel's source line renders in the same pass as the form (or its absence)
        await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}'] .panel-source");
        Assert.Equal(forms, await page.Locator("#commune-panel .official-form").CountAsync());
    }

    private static Task<string> FillColourAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<string>(selector, "p => getComputedStyle(p).fill");
}
