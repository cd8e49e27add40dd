using System.Net;
using System.Text;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Security;

/// <summary>The audit trail export: administrators only, filtered, and no cell that Excel would run as a formula.</summary>
public sealed class AuditExportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Admin_exports_filtered_rows_as_csv_with_formulas_neutralised()
    {
        await app.ScalarAsync<long>("""
            INSERT INTO audit_entry (at, actor, action, entity, entity_key, details)
            VALUES (now(), '=HYPERLINK("http://evil","x")', 'probe', 'user', '@SUM(A1)', '{}') RETURNING id
            """);
        using var admin = await ApiLogin.ClientForAsync(app, "admin@diaban.local");

        var probe = await admin.GetAsync("/api/audit.csv?action=probe");
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        var text = Encoding.UTF8.GetString(await probe.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("thoi_gian,nguoi_thuc_hien,hanh_dong", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", lines[1]);
        Assert.Contains(",'@SUM(A1),", lines[1]);

        var signIns = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/audit.csv?action=sign_in&actor=admin@"));
        Assert.Contains("web:admin@diaban.local,sign_in", signIns);
        Assert.DoesNotContain("probe", signIns);
    }

    [Fact]
    public async Task Only_administrators_may_read_the_audit_trail()
    {
        foreach (var email in new[] { "leader@diaban.local", "police@diaban.local", "planner@diaban.local" })
        {
            using var client = await ApiLogin.ClientForAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit.csv")).StatusCode);
        }
        using var anonymous = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit.csv")).StatusCode);
    }
}
