using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Services;

/// <summary>
/// Creates, changes and deletes plan targets one at a time (the web form and API), validated with the targets file
/// rules (<see cref="PlanTargetRow.Validate"/>) and audited per row by the <see cref="AuditInterceptor"/> under the
/// caller's name. A caller may touch only targets whose scope lies inside his area, before and after the change.
/// </summary>
public sealed class PlanTargetStore(DiaBanDb db, TargetQueries queries, TimeProvider time)
{
    public async Task<WriteResult<StoredTarget>> CreateAsync(IReadOnlyDictionary<string, string?> fields, string actor, AreaScope scope, CancellationToken ct = default)
    {
        var check = await CheckAsync(fields, scope, ct);
        if (check.Target is null) return Write.Invalid(check.Errors);
        db.Actor = actor;
        var record = PlanTargetRecord.From(check.Target, actor, time.GetUtcNow());
        db.PlanTargets.Add(record);
        await db.SaveChangesAsync(ct);
        return Write.Done(new StoredTarget(record.Id, check.Target, record.UpdatedBy, record.UpdatedAt));
    }

    public async Task<WriteResult<StoredTarget>> UpdateAsync(long id, IReadOnlyDictionary<string, string?> fields, string actor, AreaScope scope, CancellationToken ct = default)
    {
        var record = await FindAsync(id, scope, ct);
        if (record is null) return Write.NotFound;
        var check = await CheckAsync(fields, scope, ct);
        if (check.Target is null) return Write.Invalid(check.Errors);
        db.Actor = actor;
        record.CopyFrom(check.Target);
        record.UpdatedBy = actor;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Write.Done(new StoredTarget(record.Id, check.Target, record.UpdatedBy, record.UpdatedAt));
    }

    public async Task<bool> DeleteAsync(long id, string actor, AreaScope scope, CancellationToken ct = default)
    {
        var record = await FindAsync(id, scope, ct);
        if (record is null) return false;
        db.Actor = actor;
        db.PlanTargets.Remove(record);
        await db.SaveChangesAsync(ct);
        return true;
    }

    // out of the caller's area answers like a missing id, so ids elsewhere are not revealed
    private async Task<PlanTargetRecord?> FindAsync(long id, AreaScope scope, CancellationToken ct)
    {
        var record = await db.PlanTargets.FirstOrDefaultAsync(t => t.Id == id, ct);
        return record is not null && await queries.IsVisibleAsync(record.ToTarget().Scope, scope, ct) ? record : null;
    }

    private async Task<PlanTargetRowResult> CheckAsync(IReadOnlyDictionary<string, string?> fields, AreaScope scope, CancellationToken ct)
    {
        var result = PlanTargetRow.Validate(fields);
        if (result.Target is { } target && !await queries.IsVisibleAsync(target.Scope, scope, ct))
            return new PlanTargetRowResult(null, [new FieldError(PlanTargetRow.ScopeCodes,
                "phạm vi không thuộc địa bàn của bạn hoặc không có đơn vị nào / scope outside your area or unknown")]);
        return result;
    }
}
