using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>An inspection as the page and the API show it (business and commune named, violations typed).</summary>
public sealed record InspectionView(long Id, int BusinessId, string BusinessName, BusinessKind BusinessKind, string CommuneCode,
    string CommuneName, DateOnly InspectedOn, InspectionKind Kind, string Findings, IReadOnlyList<BusinessViolation> Violations,
    string InspectingUnit, ReviewState State, string? ReturnedReason, string EnteredBy, DateTimeOffset EnteredAt,
    string? ReviewedBy, DateTimeOffset? ReviewedAt, uint Version);

/// <summary>A business an officer may inspect: inside his area.</summary>
public sealed record InspectableBusiness(int Id, string Name, BusinessKind Kind, string CommuneCode, string CommuneName, bool Open);

/// <summary>
/// Inspections of conditional businesses entered on the web (issue 9 §3), through the shared review cycle
/// (<see cref="EntryReview"/>: draft → submitted → verified | returned). Every read and write is limited to businesses
/// whose commune lies in the caller's <see cref="AreaScope"/> (outside answers like a missing id); every write is
/// audited per row by the <see cref="AuditInterceptor"/> under the caller's name. Who may verify is the endpoint's
/// policy (<c>CanVerifyRecords</c>); this store checks the step is allowed from the current state.
/// </summary>
public sealed class InspectionStore(DiaBanDb db, NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Businesses of the caller's area, by commune and name (the entry page's choice).</summary>
    public async Task<IReadOnlyList<InspectableBusiness>> BusinessesAsync(AreaScope scope, CancellationToken ct = default)
    {
        var units = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var today = Today();
        var rows = await db.ConditionalBusinesses.AsNoTracking()
            .Where(b => b.UnitId != null && units.Contains(b.UnitId.Value))
            .Select(b => new { b.Id, b.Name, b.Kind, b.Unit!.Code, UnitName = b.Unit.Name, b.ClosedOn })
            .ToListAsync(ct);
        return rows.Select(b => new InspectableBusiness(b.Id, b.Name, b.Kind, b.Code, b.UnitName, b.ClosedOn is null || b.ClosedOn > today))
            .OrderBy(b => b.CommuneName, StringComparer.Ordinal).ThenBy(b => b.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Inspections of the caller's area: of one business, or (null) every one, optionally only in one state; newest first.</summary>
    public async Task<IReadOnlyList<InspectionView>> ListAsync(AreaScope scope, int? businessId = null, ReviewState? state = null,
        CancellationToken ct = default)
    {
        var units = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var query = Visible(units);
        if (businessId is { } b) query = query.Where(x => x.BusinessId == b);
        if (state is { } s) query = query.Where(x => x.State == s);
        var rows = await query.OrderByDescending(x => x.InspectedOn).ThenByDescending(x => x.Id).Take(500).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    public async Task<InspectionView?> GetAsync(long id, AreaScope scope, CancellationToken ct = default)
    {
        var units = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var record = await Visible(units).FirstOrDefaultAsync(x => x.Id == id, ct);
        return record is null ? null : View(record);
    }

    /// <summary>A new draft for a business of the caller's area.</summary>
    public async Task<WriteResult<InspectionView>> CreateAsync(int businessId, InspectionFields fields, string user, AreaScope scope, CancellationToken ct = default)
    {
        var units = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var business = await db.ConditionalBusinesses.Include(b => b.Unit)
            .FirstOrDefaultAsync(b => b.Id == businessId && b.UnitId != null && units.Contains(b.UnitId.Value), ct);
        if (business is null) return Write.NotFound;
        var (entry, errors) = fields.Validate(Today());
        if (entry is null) return Write.Invalid(errors);
        db.Actor = Actor(user);
        var record = new BusinessInspectionRecord
        {
            BusinessId = business.Id, Business = business, State = ReviewState.Draft, EnteredBy = user, EnteredAt = time.GetUtcNow(),
        };
        Copy(entry, record);
        db.BusinessInspections.Add(record);
        await db.SaveChangesAsync(ct);
        return Write.Done(View(record));
    }

    /// <summary>Changes a draft or a returned inspection (the review's Edit step).</summary>
    public async Task<WriteResult<InspectionView>> UpdateAsync(long id, InspectionFields fields, uint? version, string user, AreaScope scope, CancellationToken ct = default)
    {
        var record = await FindAsync(id, scope, ct);
        if (record is null) return Write.NotFound;
        if (version is { } v && v != record.Version) return Write.Stale;
        if (EntryReview.Next(record.State, ReviewAction.Edit) is null) return IllegalStep(record.State, ReviewAction.Edit);
        var (entry, errors) = fields.Validate(Today());
        if (entry is null) return Write.Invalid(errors);
        db.Actor = Actor(user);
        Copy(entry, record);
        return await SaveAsync(record, ct);
    }

    /// <summary>Submit (enterer), verify or return with a reason (verifier): the step must be allowed from the current state.</summary>
    public async Task<WriteResult<InspectionView>> ActAsync(long id, ReviewAction action, string? reason, uint? version, string user, AreaScope scope,
        CancellationToken ct = default)
    {
        if (action == ReviewAction.Edit) throw new ArgumentException("use UpdateAsync to edit", nameof(action));
        var record = await FindAsync(id, scope, ct);
        if (record is null) return Write.NotFound;
        if (EntryReview.NeedsReason(action) && InspectionRules.CheckReason(reason) is { } bad) return Write.Invalid([bad]);
        if (version is { } v && v != record.Version) return Write.Stale;
        if (EntryReview.Next(record.State, action) is not { } next) return IllegalStep(record.State, action);
        db.Actor = Actor(user);
        record.State = next;
        record.ReturnedReason = action == ReviewAction.Return ? reason!.Trim() : null;
        if (EntryReview.NeedsVerifier(action))
        {
            record.ReviewedBy = user;
            record.ReviewedAt = time.GetUtcNow();
        }
        return await SaveAsync(record, ct);
    }

    private async Task<WriteResult<InspectionView>> SaveAsync(BusinessInspectionRecord record, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Write.Stale;
        }
        return Write.Done(View(record));
    }

    private static WriteRefusal IllegalStep(ReviewState state, ReviewAction action) => Write.Conflict(
        $"không thể '{SnakeCase.Of(action)}' khi đang ở trạng thái '{SnakeCase.Of(state)}' / {SnakeCase.Of(action)} is not allowed from {SnakeCase.Of(state)}");

    private IQueryable<BusinessInspectionRecord> Visible(List<int> units) =>
        db.BusinessInspections.Include(x => x.Business).ThenInclude(b => b.Unit)
            .Where(x => x.Business.UnitId != null && units.Contains(x.Business.UnitId.Value));

    private async Task<BusinessInspectionRecord?> FindAsync(long id, AreaScope scope, CancellationToken ct)
    {
        var units = await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        return await Visible(units).FirstOrDefaultAsync(x => x.Id == id, ct);
    }

    private static void Copy(InspectionEntry entry, BusinessInspectionRecord record)
    {
        record.InspectedOn = entry.InspectedOn;
        record.Kind = entry.Kind;
        record.Findings = entry.Findings;
        record.Violations = entry.Violations.Select(v => v.Code()).ToList();
        record.InspectingUnit = entry.InspectingUnit;
    }

    private static InspectionView View(BusinessInspectionRecord r) => new(r.Id, r.BusinessId, r.Business.Name, r.Business.Kind,
        r.Business.Unit?.Code ?? "", r.Business.Unit?.Name ?? "", r.InspectedOn, r.Kind, r.Findings,
        r.Violations.Select(c => InspectionRules.TryParseViolation(c, out var v) ? v : BusinessViolation.Other).ToList(),
        r.InspectingUnit, r.State, r.ReturnedReason, r.EnteredBy, r.EnteredAt, r.ReviewedBy, r.ReviewedAt, r.Version);

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static string Actor(string user) => $"web:{user}";
}

/// <summary>An inspection's fields as typed (form or JSON body), checked by <see cref="InspectionRules.Validate"/>.</summary>
public sealed record InspectionFields(string? InspectedOn, string? Kind, string? Findings, IReadOnlyList<string>? Violations, string? InspectingUnit)
{
    public (InspectionEntry? Entry, IReadOnlyList<FieldError> Errors) Validate(DateOnly today) =>
        InspectionRules.Validate(InspectedOn, Kind, Findings, Violations, InspectingUnit, today);
}
