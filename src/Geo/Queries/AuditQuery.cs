using DiaBan.Analytics.Domain;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Queries;

/// <summary>Which audit rows an administrator asks for: part of the actor's name, one kind of action, a date range (Vietnam time, inclusive).</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Reads the audit trail for the admins' audit page and its CSV export (newest first, bounded).</summary>
public static class AuditQuery
{
    public const int MaxRows = 5000;

    public static async Task<IReadOnlyList<AuditEntry>> SearchAsync(DiaBanDb db, AuditFilter filter, int limit = MaxRows, CancellationToken ct = default)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var pattern = "%" + filter.Actor.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(a => EF.Functions.ILike(a.Actor, pattern));
        }
        if (!string.IsNullOrWhiteSpace(filter.Action)) q = q.Where(a => a.Action == filter.Action);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            q = q.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
            q = q.Where(a => a.At < end);
        }
        return await q.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, MaxRows)).ToListAsync(ct);
    }

    /// <summary>The kinds of action present in the trail (sign_in, update, import …), for the filter's list.</summary>
    public static async Task<IReadOnlyList<string>> ActionsAsync(DiaBanDb db, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
}
