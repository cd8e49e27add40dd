using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The figures form in a real browser: the commune police enter a quarter's figures and submit them, a leader approves,
/// and the completeness card of the period moves from nothing to the commune's figures.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FiguresPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private async Task<IPage> SignInAsync(string email, string code, string period)
    {
        var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, email);
        await page.GotoAsync($"/so-lieu?period={period}&code={code}");
        await page.WaitForSelectorAsync("#figures-form", new() { Timeout = 60_000 });
        return page;
    }

    [Fact]
    public async Task Police_enters_and_submits_a_quarter_the_leader_approves_and_completeness_changes()
    {
        var code = (await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""")).First();
        const string period = "2026Q1";

        var police = await SignInAsync("police@diaban.local", code, period);
        Assert.Equal("0", await police.GetAttributeAsync("#figures-completeness", "data-present"));
        Assert.Equal("new", await police.GetAttributeAsync("#figures-form", "data-state"));
        Assert.Equal(0, await police.Locator("#figures-approve").CountAsync());
        var fields = await police.Locator("#figures-form .figures-fields input, #figures-form .figures-fields select")
            .EvaluateAllAsync<string[]>("es => es.map(e => e.id)");
        Assert.NotEmpty(fields);
        foreach (var id in fields)
        {
            if (id == "f-on_key_route") await police.SelectOptionAsync("#" + id, "none");
            else await police.FillAsync("#" + id, "4");
        }
        await police.ClickAsync("#figures-save");
        await police.WaitForSelectorAsync("#figures-form[data-state='draft']", new() { Timeout = 30_000 });
        await police.ClickAsync("#figures-submit");
        await police.WaitForSelectorAsync("#figures-form[data-state='submitted']", new() { Timeout = 30_000 });
        Assert.Equal("0", await police.GetAttributeAsync("#figures-completeness", "data-present"));
        await BrowserSteps.ScreenshotAsync(police, "60-figures-submitted-police", output);

        var leader = await SignInAsync("leader@diaban.local", code, period);
        Assert.Equal("submitted", await leader.GetAttributeAsync($"#figures-communes tr[data-code='{code}']", "data-state"));
        Assert.Equal(0, await leader.Locator("#figures-save").CountAsync());
        await leader.ClickAsync("#figures-approve");
        await leader.WaitForSelectorAsync("#figures-form[data-state='verified']", new() { Timeout = 30_000 });
        Assert.Equal(fields.Length.ToString(), await leader.GetAttributeAsync("#figures-completeness", "data-present"));
        await BrowserSteps.ScreenshotAsync(leader, "61-figures-approved-leader", output);

        await police.GotoAsync($"/so-lieu?period={period}&code={code}");
        await police.WaitForSelectorAsync("#figures-form[data-state='verified']", new() { Timeout = 60_000 });
        Assert.Equal(fields.Length.ToString(), await police.GetAttributeAsync("#figures-completeness", "data-present"));
        Assert.True(await police.Locator("#figures-form input[disabled]").CountAsync() > 0, "an approved form is read-only");
        await BrowserSteps.ScreenshotAsync(police, "62-figures-completeness-police", output);
    }
}
