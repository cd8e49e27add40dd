using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The plan targets page in a real browser: the API's progress, verdict words, data shown as text, the edit form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TargetsPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Leader = "leader@diaban.local";

    [Fact]
    public async Task Leader_sees_each_target_with_the_api_verdict_and_data_text_is_never_markup()
    {
        using var client = await ApiLogin.ClientForAsync(app, Leader);
        var province = (await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""")).Single();
        // a note that would be a bold tag if the page wrote data as HTML
        var created = await client.PostAsJsonAsync("/api/targets", new
        {
            scopeLevel = "province", scopeCodes = province, year = "2024", indicator = "key_communes", keyType = "key_type_i",
            comparison = "absolute", direction = "at_most", value = "3", legalBasis = "KH kiểm thử", documentNumber = "1/KH",
            note = "<b id=\"injected\">đậm</b>",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await page.GotoAsync("/targets");
        await page.WaitForSelectorAsync("#targets-table tbody tr", new() { Timeout = 120_000 });

        var year = DateTime.Now.Year;
        var api = (await client.GetFromJsonAsync<List<JsonElement>>($"/api/targets/progress?year={year}"))!;
        Assert.NotEmpty(api);
        var verdicts = await page.Locator("#targets-table tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.verdict)");
        Assert.Equal(api.Select(r => r.GetProperty("verdict").GetString()), verdicts);
        // every verdict carries its word, not only a colour
        var words = await page.Locator("#targets-table .verdict").AllInnerTextsAsync();
        Assert.Equal(api.Select(r => r.GetProperty("verdictLabel").GetString()), words.Select(w => w[(w.IndexOf(' ') + 1)..].Trim()));
        Assert.True(await page.Locator("#target-form").IsVisibleAsync());
        await BrowserSteps.ScreenshotAsync(page, "20-targets-leader", output);

        await page.SelectOptionAsync("#target-year", "2024");
        await page.WaitForSelectorAsync("#targets-table tr[data-indicator='key_communes']");
        Assert.Equal(0, await page.Locator("#injected").CountAsync());
        Assert.Contains("<b id=\"injected\">đậm</b>", await page.InnerTextAsync("#targets-table"));
    }

    [Fact]
    public async Task Leader_adds_a_target_with_the_form_and_a_bad_upload_lists_file_row_field_and_writes_nothing()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await page.GotoAsync("/targets");
        await page.WaitForSelectorAsync("#target-form");
        // the prerendered select may take the choice before the circuit is up (then nothing re-renders): choose again
        for (var attempt = 1; ; attempt++)
        {
            await page.SelectOptionAsync("#target-year", "2029");
            try
            {
                await page.WaitForSelectorAsync("#no-targets", new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 12)
            {
            }
        }

        // the form starts on the user's province and the chosen year
        await page.FillAsync("#f-year", "2029");
        await page.FillAsync("#f-value", "45");
        await page.FillAsync("#f-basis", "Kế hoạch kiểm thử 9/KH-UBND");
        await page.FillAsync("#f-number", "9/KH-UBND");
        await page.ClickAsync("#save-target");
        await page.WaitForSelectorAsync("#targets-table tr[data-indicator='drug_free_communes']");
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM plan_target WHERE year = 2029 AND value = 45 AND created_by = 'web:leader@diaban.local'"));

        var before = await app.ScalarAsync<long>("SELECT count(*) FROM plan_target");
        var province = (await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""")).Single();
        await page.SetInputFilesAsync("#target-file", new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(
                "scope_level,scope_codes,year,indicator,comparison,direction,value,legal_basis,document_number\n" +
                $"province,{province},2029,arrests,absolute,>=,10,KH,1/KH\n" +
                $"province,{province},20x9,arrests,absolute,>=,10,KH,1/KH\n"),
        });
        await page.WaitForSelectorAsync("#upload-errors");
        Assert.StartsWith("bad.csv:3:year:", (await page.InnerTextAsync("#upload-errors")).Trim());
        Assert.Equal(before, await app.ScalarAsync<long>("SELECT count(*) FROM plan_target"));
        await BrowserSteps.ScreenshotAsync(page, "21-targets-upload-errors", output);
    }

    [Fact]
    public async Task The_targets_page_reads_in_vietnamese_by_default_and_in_english_after_the_language_switch()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, Leader);
        await page.GotoAsync("/targets");
        await page.WaitForSelectorAsync("#target-form", new() { Timeout = 120_000 });
        var year = DateTime.Now.Year;
        Assert.Equal($"Chỉ tiêu kế hoạch năm {year}", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal("Thêm chỉ tiêu", (await page.InnerTextAsync("#target-form h2")).Trim());
        Assert.Equal("Lưu", (await page.InnerTextAsync("#save-target")).Trim());

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/targets"));
        await page.WaitForSelectorAsync("#target-form", new() { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#targets-table tbody tr, #no-targets");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal($"Plan targets for {year}", (await page.InnerTextAsync("h1")).Trim());
        Assert.Contains("of the year has passed", await page.InnerTextAsync("#elapsed"));
        Assert.Equal(["Add a target", "Import from a CSV/XLSX file"], (await page.Locator("#target-form h2").AllInnerTextsAsync()).Select(h => h.Trim()));
        Assert.Equal("Save", (await page.InnerTextAsync("#save-target")).Trim());
        Assert.Equal("Drug-free communes, wards and special zones", (await page.Locator("#f-indicator option").First.InnerTextAsync()).Trim());
        if (await page.Locator("#targets-table").CountAsync() > 0)
        {
            Assert.Equal("Target|Scope|Level|Previous year|Achieved|Projected at year end|Required level|Assessment|Communes driving it|Legal basis",
                string.Join("|", (await page.Locator("#targets-table thead th").AllInnerTextsAsync()).Select(h => h.Trim()).Where(h => h != "")));
            var verdicts = await page.Locator("#targets-table .verdict").AllInnerTextsAsync();
            Assert.All(verdicts, v => Assert.Contains(v[(v.IndexOf(' ') + 1)..].Trim(), new[] { "Met", "On track", "At risk of missing", "Missed", "Insufficient data" }));
        }
        // nothing of the page's own chrome is left in Vietnamese (the data — legal bases, notes, sources — may be)
        var chrome = await page.InnerTextAsync(".targets-controls") + await page.InnerTextAsync("#target-form");
        foreach (var vietnamese in new[] { "Năm", "Phạm vi", "Chỉ tiêu", "Loại trọng điểm", "Cách so sánh", "Hướng", "Giá trị", "Căn cứ", "Ghi chú", "Lưu", "Nhập từ tệp" })
            Assert.DoesNotContain(vietnamese, chrome);
        await BrowserSteps.ScreenshotAsync(page, "22-targets-english", output);
    }
}
