using System.Globalization;
using System.Text;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Api;

/// <summary>GET /api/audit.csv: the audit trail for administrators, filtered like the /audit page, as CSV for Excel.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit.csv", ExportAsync)
            .WithTags("Audit")
            .WithSummary("Audit rows (newest first, at most 5000) filtered by ?actor= (part of the name), ?action=, ?from= and ?to= (yyyy-MM-dd, Vietnam time) as CSV.")
            .RequireAuthorization(DiaBanPolicies.CanReadAudit);
        return app;
    }

    public static async Task<IResult> ExportAsync(IDbContextFactory<DiaBanDb> databases, string? actor, string? action,
        DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var db = await databases.CreateDbContextAsync(ct);
        var rows = await AuditQuery.SearchAsync(db, new AuditFilter(actor, action, from, to), ct: ct);
        return TypedResults.File(AuditCsv.Build(rows), "text/csv; charset=utf-8", $"nhat-ky-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv");
    }
}

/// <summary>Audit rows as CSV: UTF-8 with BOM for Excel, RFC 4180 quoting, and no cell Excel would run as a formula.</summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["thoi_gian", "nguoi_thuc_hien", "hanh_dong", "doi_tuong", "khoa", "chi_tiet"];

    public static byte[] Build(IEnumerable<AuditEntry> rows)
    {
        var text = new StringBuilder().Append(string.Join(',', Header)).Append("\r\n");
        foreach (var r in rows)
        {
            string[] cells =
            [
                DiaBan.Analytics.Domain.VietnamTime.ToLocal(r.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                r.Actor, r.Action, r.Entity, r.EntityKey ?? "", r.Details,
            ];
            text.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    // OWASP CSV injection: a leading = + - @ tab or CR makes Excel evaluate the cell; a leading ' makes it text
    internal static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
    }
}
