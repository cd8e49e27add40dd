using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>A tip as entered or edited: the commune is named by code (it must be in the caller's area).</summary>
public sealed record TipInput(string CommuneCode, DateOnly ReceivedOn, TipChannel Channel, string Summary, TipState State,
    TipOutcome? Outcome, DateOnly? ResolvedOn);

/// <summary>
/// Writes tips (tin báo, tố giác) inside the caller's area through <see cref="EntryReview"/>: a new tip is a draft; a verified
/// tip moved on (checking, resolved) becomes a draft again with its last verified state kept for the counts until the
/// change is verified. State changes follow <see cref="TipRules"/>. Audited by the <see cref="DiaBanDb"/> interceptor.
/// </summary>
public sealed class TipStore(DiaBanDb db, NpgsqlDataSource dataSource, TimeProvider time)
{
    public async Task<WriteResult<string>> CreateAsync(TipInput input, string actor, AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (Check(input) is { } bad) return bad;
        var unitId = await CommuneAsync(input.CommuneCode, input.ReceivedOn, scope, ct);
        if (unitId is null) return Write.NotFound;
        if (input.State != TipState.Received && !TipRules.Allowed(TipState.Received, input.State))
            return Write.Invalid("state", "Trạng thái không hợp lệ / invalid state");
        db.Actor = actor;
        var tip = new TipRecord
        {
            UnitId = unitId.Value, ReceivedOn = input.ReceivedOn, Channel = input.Channel, Summary = input.Summary.Trim(), State = input.State,
            Outcome = input.Outcome, ResolvedOn = input.ResolvedOn, EnteredBy = actor, EnteredAt = time.GetUtcNow(), Review = ReviewState.Draft,
        };
        db.Tips.Add(tip);
        await db.SaveChangesAsync(ct);
        return Write.Done(tip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Changes a tip: a draft or returned one freely (within the rules), a verified one only forward (it is reviewed again).</summary>
    public async Task<WriteResult<string>> UpdateAsync(long id, TipInput input, string actor, AreaScope scope, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (Check(input) is { } bad) return bad;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tip = await FindAsync(id, scope, ct);
        if (tip is null) return Write.NotFound;
        var unitId = await CommuneAsync(input.CommuneCode, input.ReceivedOn, scope, ct);
        if (unitId is null) return Write.NotFound;
        if (tip.Review == ReviewState.Submitted)
            return Write.Conflict("Tin đang chờ duyệt / the tip is waiting for review");
        // once verified, what was accepted stays: the tip may only move on, from its verified state
        var from = tip.VerifiedState;
        if (from is { } f && input.State != f && !TipRules.Allowed(f, input.State))
            return Write.Invalid("state", $"Không thể chuyển từ {f.Label()} sang {input.State.Label()} / {f} → {input.State} is not allowed");
        if (from is not null && (input.ReceivedOn != tip.ReceivedOn || unitId != tip.UnitId))
            return Write.Invalid("receivedOn", "Tin đã duyệt: không đổi ngày tiếp nhận, xã / a verified tip keeps its day and commune");
        db.Actor = actor;
        tip.UnitId = unitId.Value;
        tip.ReceivedOn = input.ReceivedOn;
        tip.Channel = input.Channel;
        tip.Summary = input.Summary.Trim();
        tip.State = input.State;
        tip.Outcome = input.Outcome;
        tip.ResolvedOn = input.ResolvedOn;
        if (tip.Review == ReviewState.Verified) tip.Review = ReviewState.Draft;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<WriteResult<string>> ReviewAsync(long id, ReviewAction action, string? reason, string actor, bool mayVerify, AreaScope scope,
        CancellationToken ct = default)
    {
        db.ChangeTracker.Clear(); // a long-lived context (a Blazor circuit) reads what the database holds now
        if (EntryReviewWrite.Refuse(action, reason, mayVerify, SpotStore.MaxText) is { } refused) return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var tip = await FindAsync(id, scope, ct);
        if (tip is null) return Write.NotFound;
        if (EntryReviewWrite.Apply(tip, action, reason, actor, time.GetUtcNow(), "tip") is { } conflict) return conflict;
        db.Actor = actor;
        if (tip.Review == ReviewState.Verified)
        {
            tip.VerifiedState = tip.State;
            tip.VerifiedOutcome = tip.Outcome;
            tip.VerifiedResolvedOn = tip.ResolvedOn;
            tip.ReturnedReason = null;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Write.Done(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<TipRecord?> FindAsync(long id, AreaScope scope, CancellationToken ct)
    {
        var tip = await db.Tips.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (tip is null || scope.IsEmpty) return null;
        return scope.IsUnrestricted || (await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct)).Contains(tip.UnitId) ? tip : null;
    }

    // the commune with the code valid on the day, inside the scope
    private async Task<int?> CommuneAsync(string code, DateOnly day, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return null;
        var ids = scope.IsUnrestricted ? null : await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct);
        var candidates = await db.AdminUnits.Where(u => u.Level == UnitLevel.Commune && u.Code == code.Trim()
                && u.ValidFrom <= day && (u.ValidTo == null || u.ValidTo > day))
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        return candidates.Cast<int?>().FirstOrDefault(id => ids is null || ids.Contains(id!.Value));
    }

    private static WriteRefusal? Check(TipInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Summary)) return Write.Invalid("summary", "Cần nội dung tóm tắt / a summary is required");
        if (input.Summary.Length > SpotStore.MaxText) return Write.Invalid("summary", $"Tối đa {SpotStore.MaxText} ký tự / at most {SpotStore.MaxText} characters");
        if (string.IsNullOrWhiteSpace(input.CommuneCode)) return Write.Invalid("commune", "Cần mã xã / the commune code is required");
        return TipRules.Check(input.State, input.Outcome, input.ReceivedOn, input.ResolvedOn) is { } e ? Write.Invalid(e.Field, e.Message) : null;
    }
}
