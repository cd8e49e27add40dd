using DiaBan.Web.Tests.Browser;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Security;

/// <summary>
/// A commune name from an imported boundary file is data, never markup: with a hostile name stored, hovering the commune
/// on the map shows the name as text and runs nothing. The same page also runs under the Content-Security-Policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoredXssBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string HostileName = "<img src=x onerror=\"window.__diabanXss=1;alert(1)\">";

    [Fact]
    public async Task A_commune_named_like_markup_shows_as_text_in_the_tooltip_and_runs_no_script()
    {
        var code = (await app.StringsAsync(
            "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1"))[0];
        var original = (await app.StringsAsync("SELECT name FROM admin_unit WHERE code = @c AND valid_to IS NULL", ("c", code)))[0];
        await RenameAsync(code, HostileName);
        try
        {
            await using var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            var dialogs = new List<string>();
            var policyViolations = new List<string>();
            page.Dialog += async (_, dialog) => { dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) policyViolations.Add(message.Text);
            };
            await page.GotoAsync("/login");
            await BrowserSteps.SubmitLoginAsync(page, "leader@diaban.local");
            await BrowserSteps.WaitForMapAsync(page);

            var commune = page.Locator($"#status-map path[data-code='{code}']");
            await commune.DispatchEventAsync("mouseover");
            var tooltip = page.Locator(".leaflet-tooltip");
            await tooltip.WaitForAsync();
            Assert.Contains(HostileName, await tooltip.TextContentAsync());
            Assert.Equal(0, await tooltip.Locator("img").CountAsync());

            await commune.DispatchEventAsync("click");
            await page.WaitForSelectorAsync($"#commune-panel[data-code='{code}']");
            Assert.Contains(HostileName, await page.InnerTextAsync("#commune-panel"));
            await page.WaitForTimeoutAsync(500); // an onerror handler would have fired by now
            await BrowserSteps.ScreenshotAsync(page, "security-xss-tooltip", output);

            Assert.Empty(dialogs);
            Assert.Null(await page.EvaluateAsync<int?>("() => window.__diabanXss ?? null"));
            Assert.Empty(policyViolations);
        }
        finally
        {
            await RenameAsync(code, original);
        }
    }

    private async Task RenameAsync(string code, string name)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE admin_unit SET name = @n WHERE code = @c AND valid_to IS NULL", connection);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("c", code);
        await command.ExecuteNonQueryAsync();
    }
}
