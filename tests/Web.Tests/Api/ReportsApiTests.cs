using System.Net;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /api/reports/{period}.xlsx on the seeded demo: every figure read back from the file (as a number, not text) equals
/// the same question asked of the database in plain SQL here; a police officer's report covers his communes only.
/// </summary>
public sealed class ReportsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private async Task<string> ProvinceAsync() =>
        (await app.StringsAsync("""SELECT "AreaProvinceCode" FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'""")).Single();

    private async Task<string[]> PoliceCommunesAsync() => [.. await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""")];

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url, string contentType, string fileName)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The data rows of the sheet whose name ends with the table's sheet name (title, table title, headers and note left out).</summary>
    private static List<object?[]> Sheet(byte[] xlsx, string sheetName)
    {
        using var stream = new MemoryStream(xlsx);
        var name = MiniExcel.GetSheetNames(stream).Single(n => n.EndsWith(sheetName, StringComparison.Ordinal));
        stream.Position = 0;
        return MiniExcel.Query(stream, sheetName: name).Cast<IDictionary<string, object?>>()
            .Skip(3).Select(r => r.Values.ToArray())
            .Where(r => !(r[0] is string s && s.StartsWith("Ghi chú:", StringComparison.Ordinal))).ToList();
    }

    private static string Label(string code) => code == "not_assessed" ? "Chưa đánh giá" : CommuneStatusInfo.FromCode(code).VietnameseLabel();

    // "a=1=2" rows of a GROUP BY as key → numbers
    private async Task<Dictionary<string, long[]>> GroupsAsync(string sql, params (string Name, object Value)[] parameters) =>
        (await app.StringsAsync(sql, parameters)).Select(r => r.Split('=')).ToDictionary(p => p[0], p => p.Skip(1).Select(long.Parse).ToArray());

    [Fact]
    public async Task Every_figure_of_the_half_year_report_equals_direct_sql_and_is_a_number()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var xlsx = await DownloadAsync(leader, "/api/reports/2026H1.xlsx", Xlsx, "bao-cao-2026H1.xlsx");

        // communes valid on the last day of each half, by effective status
        const string byStatus = """
            SELECT status || '=' || n FROM (
                SELECT COALESCE(a.official_status, a.computed_status, 'not_assessed') AS status, count(*) AS n
                FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id
                LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
                WHERE u.level = 'commune' AND p.code = @province AND u.valid_from <= @day AND (u.valid_to IS NULL OR u.valid_to > @day)
                GROUP BY 1) counts
            """;
        var now = await GroupsAsync(byStatus, ("year", 2026), ("province", province), ("day", new DateOnly(2026, 6, 30)));
        var before = await GroupsAsync(byStatus, ("year", 2025), ("province", province), ("day", new DateOnly(2025, 6, 30)));
        var statuses = Sheet(xlsx, "Trạng thái địa bàn");
        foreach (var code in now.Keys.Union(before.Keys))
        {
            var row = statuses.Single(r => (string?)r[0] == Label(code));
            Assert.Equal(now.GetValueOrDefault(code)?[0] ?? 0, Assert.IsType<double>(row[1]));
            Assert.Equal(before.GetValueOrDefault(code)?[0] ?? 0, Assert.IsType<double>(row[2]));
        }
        var communes = now.Values.Sum(v => v[0]);
        Assert.Equal(communes, Assert.IsType<double>(statuses[^1][1]));
        Assert.Equal(1.0, Assert.IsType<double>(statuses[^1][4]));

        // transitions count every commune valid at the end of the period once
        var matrix = Sheet(xlsx, "Chuyển đổi trạng thái");
        Assert.Equal(communes, Assert.IsType<double>(matrix[^1][^1]));

        // key communes: exactly the communes whose 2026 status is a key type
        var key = await app.StringsAsync("""
            SELECT u.code FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id JOIN status_assessment a ON a.unit_id = u.id AND a.year = 2026
            WHERE u.level = 'commune' AND p.code = @province AND u.valid_from <= '2026-06-30' AND (u.valid_to IS NULL OR u.valid_to > '2026-06-30')
              AND COALESCE(a.official_status, a.computed_status) IN ('key_type_i', 'key_type_ii', 'key_type_iii') ORDER BY 1
            """, ("province", province));
        Assert.Equal(key, Sheet(xlsx, "Xã trọng điểm").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));

        // incidents of each kind in January–June against the same months of 2025
        var incidents = await GroupsAsync("""
            SELECT i.kind || '=' || count(*) FILTER (WHERE i.occurred_on BETWEEN '2026-01-01' AND '2026-06-30')
                   || '=' || count(*) FILTER (WHERE i.occurred_on BETWEEN '2025-01-01' AND '2025-06-30')
                   || '=' || COALESCE(sum(i.persons) FILTER (WHERE i.occurred_on BETWEEN '2026-01-01' AND '2026-06-30'), 0)
            FROM incident i JOIN admin_unit u ON u.id = i.unit_id JOIN admin_unit p ON p.id = u.parent_id
            WHERE p.code = @province GROUP BY i.kind
            """, ("province", province));
        Assert.NotEmpty(incidents);
        var kinds = Sheet(xlsx, "Vụ việc theo loại");
        foreach (var kind in Enum.GetValues<IncidentKind>())
        {
            var expected = incidents.GetValueOrDefault(kind.Code()) ?? [0, 0, 0];
            var row = kinds.Single(r => (string?)r[0] == kind.VietnameseLabel());
            Assert.Equal(expected[0], Assert.IsType<double>(row[1]));
            Assert.Equal(expected[1], Assert.IsType<double>(row[2]));
            Assert.Equal(expected[2], Assert.IsType<double>(row[4]));
        }
        var tips = Sheet(xlsx, "Tin báo, tố giác");
        Assert.Equal(incidents.GetValueOrDefault("tip")?[0] ?? 0, Assert.IsType<double>(tips[0][1]));
        // the demo's tip register (verified tips received in January–June, resolved by 30 June) fills the resolved row,
        // which had no data before the register existed
        var resolvedTips = await app.ScalarAsync<long>("""
            SELECT count(*) FROM tip t JOIN admin_unit u ON u.id = t.unit_id JOIN admin_unit p ON p.id = u.parent_id
            WHERE p.code = @province AND t.verified_state = 'resolved' AND t.received_on BETWEEN '2026-01-01' AND '2026-06-30'
              AND t.verified_resolved_on <= '2026-06-30'
            """, ("province", province));
        Assert.Equal(resolvedTips, Assert.IsType<double>(tips[1][1]));

        // every target of 2026 in the province has a row
        var targets = await app.ScalarAsync<long>("SELECT count(*) FROM plan_target WHERE year = 2026 AND scope_level = 'province'");
        Assert.Equal(targets, Sheet(xlsx, "Chỉ tiêu và kết quả").Count);

        // recognition steps taken in January–June (Vietnam days) in the province, by action: the demo seeds cases at several steps
        var steps = await GroupsAsync("""
            SELECT s.action || '=' || count(*) FROM recognition_step s JOIN recognition_case c ON c.id = s.case_id
            JOIN admin_unit u ON u.id = c.unit_id JOIN admin_unit p ON p.id = u.parent_id
            WHERE p.code = @province AND s.at >= '2026-01-01T00:00+07' AND s.at < '2026-07-01T00:00+07' GROUP BY s.action
            """, ("province", province));
        Assert.True(steps.Count >= 3, "the demo seeds proposals, appraisals and a decision");
        var recognitions = Sheet(xlsx, "Công nhận không ma túy");
        Assert.Equal(steps.Values.Sum(v => v[0]), recognitions.Count);
        foreach (var (action, count) in steps)
            Assert.Equal(count[0], recognitions.Count(r => (string?)r[2] == Enum.GetValues<RecognitionAction>().Single(a => a.Code() == action).VietnameseLabel()));
        var decided = await app.StringsAsync("""
            SELECT s.decision_number FROM recognition_step s JOIN recognition_case c ON c.id = s.case_id JOIN admin_unit u ON u.id = c.unit_id
            JOIN admin_unit p ON p.id = u.parent_id WHERE p.code = @province AND s.decision_number IS NOT NULL ORDER BY 1
            """, ("province", province));
        Assert.Equal(decided, recognitions.Where(r => r[6] is string).Select(r => (string)r[6]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_completeness_table_counts_the_communes_and_their_reports_as_sql_does()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var xlsx = await DownloadAsync(leader, "/api/reports/2025.xlsx", Xlsx, "bao-cao-2025.xlsx");
        // communes valid at the end of 2025 and when their 2025 figures arrived against the deadline of 15/1/2026 (past today)
        var counts = (await app.StringsAsync("""
            SELECT count(*) || '=' || count(*) FILTER (WHERE (i.received_at AT TIME ZONE 'UTC')::date <= '2026-01-15')
                   || '=' || count(*) FILTER (WHERE (i.received_at AT TIME ZONE 'UTC')::date > '2026-01-15')
                   || '=' || count(*) FILTER (WHERE i.received_at IS NULL)
            FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id LEFT JOIN unit_indicator i ON i.unit_id = u.id AND i.year = 2025
            WHERE u.level = 'commune' AND p.code = @province AND u.valid_from <= '2025-12-31' AND (u.valid_to IS NULL OR u.valid_to > '2025-12-31')
            """, ("province", province))).Single().Split('=').Select(double.Parse).ToArray();
        Assert.True(counts[0] > 0);
        var total = Sheet(xlsx, "Mức đầy đủ dữ liệu")[^1];
        Assert.Equal("Tổng", total[0]);
        Assert.Equal(counts[0], Assert.IsType<double>(total[1]));
        Assert.Equal(counts[1], Assert.IsType<double>(total[5]));
        Assert.Equal(counts[2], Assert.IsType<double>(total[6]));
        Assert.Equal(counts[3], Assert.IsType<double>(total[7]));
        // the share is what is present of what is required
        var (required, present) = (Assert.IsType<double>(total[2]), Assert.IsType<double>(total[3]));
        Assert.True(required > 0);
        Assert.InRange(present, 0, required);
        Assert.Equal(present / required, Assert.IsType<double>(total[4]), 6);
    }

    [Fact]
    public async Task Annual_report_figures_from_commune_reports_equal_direct_sql()
    {
        var province = await ProvinceAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var xlsx = await DownloadAsync(leader, "/api/reports/2025.xlsx", Xlsx, "bao-cao-2025.xlsx");
        const string sum = """
            SELECT COALESCE(sum(i.{0}), 0)::float8 FROM unit_indicator i JOIN admin_unit u ON u.id = i.unit_id JOIN admin_unit p ON p.id = u.parent_id
            WHERE i.year = @year AND p.code = @province AND u.valid_from <= make_date(@year, 12, 31) AND (u.valid_to IS NULL OR u.valid_to > make_date(@year, 12, 31))
            """;
        Task<double> Sum(string column, int year) => app.ScalarAsync<double>(string.Format(sum, column), ("year", year), ("province", province));
        var people = Sheet(xlsx, "Người nghiện, SDTP");
        Assert.Equal(await Sum("users_addicts_managed", 2025), Assert.IsType<double>(people[0][1]));
        Assert.Equal(await Sum("users_addicts_managed", 2024), Assert.IsType<double>(people[0][2]));
        Assert.Equal(await Sum("offenders_arrested", 2025), Assert.IsType<double>(people[1][1]));
        var plants = Sheet(xlsx, "Cây có chất ma túy");
        Assert.Equal(await Sum("plants_destroyed_count", 2025), Assert.IsType<double>(plants[3][1]));
        var spots = Sheet(xlsx, "Điểm, tụ điểm");
        Assert.Equal(await Sum("harbouring_places_detected_in_period", 2025), Assert.IsType<double>(spots[1][1]));
    }

    [Fact]
    public async Task A_police_officer_gets_a_report_of_his_communes_only()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var xlsx = await DownloadAsync(police, "/api/reports/2026H1.xlsx", Xlsx, "bao-cao-2026H1.xlsx");
        var communes = await app.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit WHERE level = 'commune' AND code = ANY(@codes)
              AND valid_from <= '2026-06-30' AND (valid_to IS NULL OR valid_to > '2026-06-30')
            """, ("codes", mine));
        Assert.True(communes > 0);
        Assert.Equal(communes, Assert.IsType<double>(Sheet(xlsx, "Trạng thái địa bàn")[^1][1]));
        Assert.All(Sheet(xlsx, "Xã trọng điểm"), r => Assert.Contains((string)r[0]!, mine));
        var incidents = await app.ScalarAsync<long>("""
            SELECT count(*) FROM incident i WHERE i.occurred_on BETWEEN '2026-01-01' AND '2026-06-30' AND i.unit_id IN (
                SELECT id FROM admin_unit WHERE level = 'commune' AND code = ANY(@codes) AND valid_to IS NULL
                UNION SELECT l.old_unit_id FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id WHERE n.code = ANY(@codes) AND n.valid_to IS NULL)
            """, ("codes", mine));
        Assert.Equal(incidents, Assert.IsType<double>(Sheet(xlsx, "Vụ việc theo loại")[^1][1]));
        // no target covers only his communes in the demo
        Assert.Empty(Sheet(xlsx, "Chỉ tiêu và kết quả"));
    }

    [Theory]
    [InlineData("/api/reports/2026H3.xlsx")]
    [InlineData("/api/reports/abc.pdf")]
    public async Task A_bad_period_is_a_400_naming_the_expected_form(string url)
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var response = await leader.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2026H1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reports_need_a_signed_in_user()
    {
        var anonymous = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await anonymous.GetAsync("/api/reports/2026.xlsx");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
