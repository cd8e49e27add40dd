using DiaBan.Web.Tests.Api;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// A drug-free recognition from proposal to decision with a return in between, across the roles, in a real browser:
/// each role sees only its buttons, reasons typed as markup stay text, the decision shows in the map's commune panel.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecognitionPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private async Task<IPage> SignInAsync(string email)
    {
        var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, email);
        return page;
    }

    private static async Task OpenCaseAsync(IPage page, string code)
    {
        await page.GotoAsync($"/cong-nhan/{code}");
        await page.WaitForSelectorAsync("#case-state", new() { Timeout = 60_000 });
    }

    private static async Task StepAsync(IPage page, string action, string expectedState, Func<Task>? fill = null)
    {
        await page.ClickAsync($"#action-{action}");
        await page.WaitForSelectorAsync("#step-form");
        if (fill is not null) await fill();
        await page.ClickAsync("#submit-step");
        await page.WaitForSelectorAsync($"#case-state[data-state='{expectedState}']", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Police_proposes_the_planner_returns_police_proposes_again_the_planner_appraises_and_the_leader_decides()
    {
        var code = (await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""")).Last();
        try
        {
            var police = await SignInAsync("police@diaban.local");
            await OpenCaseAsync(police, code);
            Assert.Equal(["action-propose"], await police.Locator("#step-actions button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.id)"));
            await StepAsync(police, "propose", "proposed", async () =>
            {
                await police.FillAsync("#f-note", "Đề nghị công nhận xã không ma túy năm 2025");
                await police.SetInputFilesAsync("#f-files", new FilePayload { Name = "bien-ban-hop-dan.pdf", MimeType = "application/pdf", Buffer = RecognitionApiTests.Pdf });
                await police.WaitForSelectorAsync("#chosen-files");
            });
            Assert.Contains("bien-ban-hop-dan.pdf", await police.InnerTextAsync("#recognition-history"));
            Assert.True(await police.Locator("#snapshot dd").CountAsync() > 0, "the figures snapshot is shown");
            await BrowserSteps.ScreenshotAsync(police, "50-recognition-proposed-police", output);

            // the multipart API has no antiforgery token, so the browser's own sign-in cookie never authorises it
            var form = police.Context.APIRequest.CreateFormData();
            form.Set("year", "2025");
            form.Set("note", "gửi từ trang khác");
            var forged = await police.Context.APIRequest.PostAsync($"/api/recognitions/{code}/propose", new() { Multipart = form });
            Assert.Equal(401, forged.Status);

            var planner = await SignInAsync("planner@diaban.local");
            await OpenCaseAsync(planner, code);
            Assert.Equal(0, await planner.Locator("#action-recognise").CountAsync());
            await StepAsync(planner, "return", "returned", () =>
                planner.FillAsync("#f-reasons", "Thiếu biên bản họp dân\n<b id=\"injected\">chưa xác nhận số liệu</b>"));
            Assert.Equal(0, await planner.Locator("#injected").CountAsync());
            Assert.Contains("<b id=\"injected\">", await planner.InnerTextAsync("#recognition-history"));
            await BrowserSteps.ScreenshotAsync(planner, "51-recognition-returned-planner", output);

            await OpenCaseAsync(police, code);
            Assert.Contains("Thiếu biên bản họp dân", await police.InnerTextAsync("#recognition-history"));
            await StepAsync(police, "propose", "proposed", () => police.FillAsync("#f-note", "Đã bổ sung biên bản"));

            await OpenCaseAsync(planner, code);
            await StepAsync(planner, "appraise", "appraised", () => planner.FillAsync("#f-note", "Đủ điều kiện"));
            Assert.Equal(0, await planner.Locator("#action-recognise").CountAsync()); // planners never decide
            await BrowserSteps.ScreenshotAsync(planner, "52-recognition-appraised-planner", output);

            var leader = await SignInAsync("leader@diaban.local");
            await OpenCaseAsync(leader, code);
            await StepAsync(leader, "recognise", "recognised", () => leader.FillAsync("#f-decision-number", "88/QĐ-UBND"));
            Assert.Equal(5, await leader.Locator("#recognition-history > li").CountAsync());
            Assert.Contains("88/QĐ-UBND", await leader.InnerTextAsync("#recognition-history"));
            await BrowserSteps.ScreenshotAsync(leader, "53-recognition-recognised-leader", output);
            Assert.Equal("drug_free", await app.ScalarAsync<string>(
                "SELECT a.official_status FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id WHERE u.code = @c AND u.valid_to IS NULL AND a.year = 2025",
                ("c", code)));

            // the list, and the commune's panel on the map, show the same history
            await leader.GotoAsync("/cong-nhan");
            await leader.WaitForSelectorAsync($"#cases-table tr[data-code='{code}'][data-state='recognised']", new() { Timeout = 60_000 });
            await BrowserSteps.ScreenshotAsync(leader, "54-recognition-list-leader", output);
            await leader.GotoAsync("/");
            await BrowserSteps.WaitForMapAsync(leader);
            await leader.Locator($"#status-map path[data-code='{code}']").DispatchEventAsync("click");
            await leader.WaitForSelectorAsync($"#commune-panel[data-code='{code}'] #panel-recognition-history li[data-action='recognise']", new() { Timeout = 30_000 });
            await leader.Locator("#recognition-summary").ScrollIntoViewIfNeededAsync();
            await BrowserSteps.ScreenshotAsync(leader, "55-recognition-map-panel-leader", output);
        }
        finally
        {
            // leave the official statuses as the other browser tests expect them
            await app.ExecuteAsync(
                """
                UPDATE status_assessment a SET official_status = NULL, official_by = NULL, official_reason = NULL, official_at = NULL
                FROM admin_unit u WHERE u.id = a.unit_id AND u.code = @code AND u.valid_to IS NULL AND a.official_by = 'web:leader@diaban.local'
                """, ("code", code));
        }
    }

    [Fact]
    public async Task The_recognition_pages_are_vietnamese_by_default_and_follow_the_language_switch()
    {
        var code = (await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""")).First();
        var page = await SignInAsync("police@diaban.local");
        await page.GotoAsync("/cong-nhan");
        await page.WaitForSelectorAsync("#cases-table, #no-cases", new() { Timeout = 60_000 });
        Assert.Equal("Công nhận địa bàn không ma túy", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("Đã đề nghị", (await page.InnerTextAsync(".state-filter button[data-state='proposed']")).Trim());
        await OpenCaseAsync(page, code);
        Assert.StartsWith("Công nhận không ma túy — ", await page.InnerTextAsync("h1"));
        Assert.StartsWith("Trạng thái:", await page.InnerTextAsync("#case-state"));

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/cong-nhan"));
        await page.WaitForSelectorAsync("#cases-table, #no-cases", new() { Timeout = 60_000 });
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Recognition of drug-free areas", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("All|Proposed|Returned|Appraised|Recognised|Refused|Revoked",
            string.Join("|", (await page.Locator(".state-filter button").AllInnerTextsAsync()).Select(t => t.Trim())));
        Assert.Equal("Open a commune's file", (await page.InnerTextAsync(".open-commune h2")).Trim());

        await OpenCaseAsync(page, code);
        Assert.StartsWith("Drug-free recognition — ", await page.InnerTextAsync("h1"));
        var state = await page.InnerTextAsync("#case-state");
        Assert.StartsWith("State: ", state);
        Assert.DoesNotContain("Trạng thái", state);
        Assert.Equal("← List of files", (await page.InnerTextAsync(".recognition-page a[href='cong-nhan']")).Trim());
        var headings = await page.Locator(".recognition-page h2").AllInnerTextsAsync();
        Assert.Contains("Processing history", headings);
        if (await page.Locator("#action-propose").CountAsync() > 0)
            Assert.Equal("Propose recognition", (await page.InnerTextAsync("#action-propose")).Trim());
        await BrowserSteps.ScreenshotAsync(page, "56-recognition-case-english", output);
    }
}
