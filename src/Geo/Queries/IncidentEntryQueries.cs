using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>An incident entered on the web as its pages and API show it (no personal data: counts, place, unit).</summary>
public sealed record IncidentEntryView(
    long Id, ReviewState State, DateOnly OccurredOn, TimeOnly? OccurredAt, IncidentKind Kind, int Persons, int? Plants, double? AreaM2,
    IncidentSource? Source, string RecordedBy, double Lon, double Lat, int InputEpsg, double InputX, double InputY,
    string CommuneCode, string CommuneName, string EnteredBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt, string? VerifiedBy, DateTimeOffset? VerifiedAt, string? ReturnedBy, DateTimeOffset? ReturnedAt,
    string? ReturnReason, long? IncidentId, uint Version)
{
    /// <summary>The id of the incident written on verification (<c>incident.external_id</c>).</summary>
    public string? ExternalId => IncidentId is null ? null : IncidentEntryQueries.ExternalIdOf(Id);
}

/// <summary>
/// Reads incident entries inside the caller's area (the entry's commune must be one the <see cref="AreaScope"/> reaches;
/// anything else reads as missing): one entry, the caller's own entries, the verification queue.
/// </summary>
public sealed class IncidentEntryQueries(NpgsqlDataSource dataSource, DiaBanDb db)
{
    /// <summary>The incident id a verified entry gets in <c>incident.external_id</c>.</summary>
    public static string ExternalIdOf(long entryId) => $"web-{entryId}";

    public async Task<IncidentEntryView?> GetAsync(long id, AreaScope scope, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(scope, ct);
        return entries is null ? null : await Project(entries.Where(e => e.Id == id)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The caller's own entries in his area, newest change first (drafts, submitted, returned with the reason, verified).</summary>
    public async Task<IReadOnlyList<IncidentEntryView>> MineAsync(string enteredBy, AreaScope scope, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(scope, ct);
        if (entries is null) return [];
        return await Project(entries.Where(e => e.EnteredBy == enteredBy).OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id))
            .Take(500).ToListAsync(ct);
    }

    /// <summary>Submitted entries of the area waiting for verification, oldest submission first.</summary>
    public async Task<IReadOnlyList<IncidentEntryView>> QueueAsync(AreaScope scope, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(scope, ct);
        if (entries is null) return [];
        return await Project(entries.Where(e => e.State == ReviewState.Submitted).OrderBy(e => e.SubmittedAt).ThenBy(e => e.Id))
            .Take(500).ToListAsync(ct);
    }

    /// <summary>The admin_unit ids the scope reaches, or null for an unrestricted scope (no filter).</summary>
    public async Task<IReadOnlyCollection<int>?> VisibleUnitIdsAsync(AreaScope scope, CancellationToken ct) =>
        scope.IsUnrestricted ? null : await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);

    // null: the scope reaches nothing
    private async Task<IQueryable<IncidentEntry>?> EntriesAsync(AreaScope scope, CancellationToken ct)
    {
        var ids = await VisibleUnitIdsAsync(scope, ct);
        if (ids is { Count: 0 }) return null;
        var all = db.IncidentEntries.AsNoTracking();
        return ids is null ? all : all.Where(e => ids.Contains(e.UnitId));
    }

    private static IQueryable<IncidentEntryView> Project(IQueryable<IncidentEntry> q) => q.Select(e => new IncidentEntryView(
        e.Id, e.State, e.OccurredOn, e.OccurredAt, e.Kind, e.Persons, e.Plants, e.AreaM2, e.Source, e.RecordedBy, e.Geom.X, e.Geom.Y,
        e.InputEpsg, e.InputX, e.InputY, e.Unit.Code, e.Unit.Name, e.EnteredBy, e.CreatedAt, e.UpdatedAt, e.SubmittedAt, e.VerifiedBy,
        e.VerifiedAt, e.ReturnedBy, e.ReturnedAt, e.ReturnReason, e.IncidentId, e.Version));
}
